#!/usr/bin/env bash
# e2e-timeline.sh: dragging a clip in the real app with the mouse.
# Starts the app on the demo project under the current X display, finds the
# clips on screen (runs of non-background pixels across the first lane of a
# screenshot), drags the second clip to the right with xdotool, and checks
# in the project file that this clip, and only it, moved later. Then opens a
# two-lane project (made with secuencia-cli import-timeline) at 700 px and
# at full size. Screenshots stay in the meson log folder:
# e2e-timeline-{before,after,two-lanes-700,two-lanes-full}.png.
#
# Needs DISPLAY (run under xvfb-run), xdotool, ImageMagick (import,
# convert) and python3. Exit 77 (skip) when they are missing.
set -euo pipefail

app=${SECUENCIA_APP:?SECUENCIA_APP must point to the built secuencia executable}
cli=${SECUENCIA_CLI:?SECUENCIA_CLI must point to the built secuencia-cli executable}
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "$(dirname "$app")/.." && pwd)
logdir="$builddir/meson-logs"
mkdir -p "$logdir"

if [[ -z "${DISPLAY:-}" ]]; then
  echo "1..0 # SKIP no X display (run the suite under xvfb-run)"; exit 77
fi
for tool in xdotool import convert python3; do
  command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 77; }
done

work=$(mktemp -d /tmp/secuencia-e2e-timeline-XXXXXX)
app_pid=
stop_app () {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=
}
cleanup () {
  stop_app
  rm -rf "$work"
}
trap cleanup EXIT

export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}
export GSK_RENDERER=${GSK_RENDERER:-cairo}
mkdir -p "$XDG_DATA_HOME"
runner=()
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v dbus-run-session >/dev/null; then
  runner=(dbus-run-session --)
fi

echo "1..3"

# start_app TITLE WIDTH HEIGHT ARGS...: start, wait for the window, size it.
win=
start_app () {
  local title=$1 width=$2 height=$3
  shift 3
  "${runner[@]}" "$app" "$@" >>"$logdir/e2e-timeline-app.log" 2>&1 &
  app_pid=$!
  win=
  for _ in $(seq 1 120); do
    win=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -n1 || true)
    [[ -n "$win" ]] && break
    sleep 0.5
  done
  [[ -n "$win" ]] || { echo "Bail out! no window titled '$title'"; import -window root "$logdir/e2e-timeline-failed.png" || true; exit 1; }
  xdotool windowmove "$win" 0 0
  xdotool windowsize "$win" "$width" "$height"
  sleep 2
}

# The clips of the first lane: "x0 x1 y" per clip, in screen coordinates.
find_clips () {
  import -window root "$1"
  convert "$1" -depth 8 "$work/shot.ppm"
  python3 - "$work/shot.ppm" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
# P6 header: magic, width, height, maxval, each followed by whitespace
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos+1].isspace():
        pos += 1
    start = pos
    while not data[pos:pos+1].isspace():
        pos += 1
    fields.append(data[start:pos])
pos += 1
width, height = int(fields[1]), int(fields[2])
pixels = data[pos:]
def rgb(x, y):
    i = 3 * (y * width + x)
    return pixels[i], pixels[i + 1], pixels[i + 2]
def clip_blue(p):
    r, g, b = p
    return b - r > 30 and b > 200     # the clip fill: light blue
# The first row (from the top) where clip fill spans a good part of the width.
for y in range(height):
    if sum(1 for x in range(0, width, 2) if clip_blue(rgb(x, y))) * 2 > width // 4:
        break
else:
    sys.exit("no clips on screen")
y += 24   # below the labels
runs, x = [], 0
while x < width:
    if clip_blue(rgb(x, y)):
        start = x
        gap = 0
        while x < width and gap <= 3:
            gap = 0 if clip_blue(rgb(x, y)) else gap + 1
            x += 1
        runs.append((start, x - gap))
    x += 1
for x0, x1 in runs:
    if x1 - x0 > 20:
        print(x0, x1, y)
PY
}

# Clip offsets in the newest timeline: "offset_ns lane" per line, by id.
clips_of () {
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
t = db.execute('SELECT id FROM timelines ORDER BY modified_at DESC, id DESC LIMIT 1').fetchone()[0]
for row in db.execute('SELECT id, offset_ns, lane FROM clips WHERE timeline_id = ? ORDER BY id', (t,)):
    print(*row)
PY
}

demo="$XDG_DATA_HOME/secuencia/Demo.secuencia"
start_app 'Demo: The Attic' 1000 700 --demo
mapfile -t clips < <(find_clips "$logdir/e2e-timeline-before.png")
if (( ${#clips[@]} < 2 )); then
  echo "not ok 1 found ${#clips[@]} clips on screen, expected the demo's 4"; exit 1
fi
read -r x0 x1 y <<<"${clips[1]}"
before=$(clips_of "$demo")
echo "# second clip on screen at x $x0..$x1, y $y; dragging it 120 px right"
mid=$(( (x0 + x1) / 2 ))
xdotool mousemove "$mid" "$y"
sleep 0.3
xdotool mousedown 1
for step in $(seq 10 10 120); do
  xdotool mousemove "$((mid + step))" "$y"
  sleep 0.05
done
sleep 0.3
xdotool mouseup 1
sleep 1
import -window "$win" "$logdir/e2e-timeline-after.png" || true
after=$(clips_of "$demo")
stop_app

python3 - "$before" "$after" <<'PY'
import sys
def parse(text):
    return {int(i): (int(o), int(l)) for i, o, l in (line.split() for line in text.splitlines())}
before, after = parse(sys.argv[1]), parse(sys.argv[2])
assert before.keys() == after.keys(), (before, after)
ids = sorted(before, key=lambda i: before[i][0])
moved = ids[1]
delta = after[moved][0] - before[moved][0]
assert 0.5e9 < delta < 4e9, 'the second clip moved by %d ns' % delta
assert after[moved][1] == before[moved][1], 'it changed lanes'
for i in ids:
    if i != moved:
        assert after[i] == before[i], 'clip %d moved too' % i
print('# the second clip moved %.3f s later; the others stayed' % (delta / 1e9))
PY
echo "ok 1 dragging a clip moves it in the project file"

# A two-lane project: lines on lane 0, an answer overlapping on lane 1.
two="$work/Two Lanes.secuencia"
cat >"$work/spec.json" <<JSON
{"name": "Two Lanes", "clips": [
  {"file": "$srcdir/data/demo/01.ogg", "offset": 0, "source_start": 0, "duration": 3.5, "lane": 0, "character": "ANA", "text": "Did you hear that?"},
  {"file": "$srcdir/data/demo/02.ogg", "offset": 2.5, "source_start": 0, "duration": 3.5, "lane": 1, "character": "BEN", "text": "Only the wind.", "volume_db": -4},
  {"file": "$srcdir/data/demo/03.ogg", "offset": 6.5, "source_start": 0, "duration": 2.2, "lane": 0, "character": "ANA", "text": "Then why is the light on?", "muted": true},
  {"file": "$srcdir/data/demo/04.ogg", "offset": 8, "source_start": 0.3, "duration": 2.4, "lane": 1, "character": "BEN", "text": "Stay here."}
]}
JSON
"$cli" new "$two" --name "Two Lanes" >/dev/null
"$cli" import-timeline "$two" "$work/spec.json" >/dev/null
start_app 'Two Lanes' 700 600 "$two"
import -window "$win" "$logdir/e2e-timeline-two-lanes-700.png"
mapfile -t clips < <(find_clips "$work/check.png")
(( ${#clips[@]} >= 1 )) || { echo "not ok 2 no clips drawn at 700 px"; exit 1; }
echo "ok 2 two lanes at 700 px wide (e2e-timeline-two-lanes-700.png)"
xdotool windowsize "$win" 1280 1000
sleep 2
import -window "$win" "$logdir/e2e-timeline-two-lanes-full.png"
stop_app
echo "ok 3 two lanes at full size (e2e-timeline-two-lanes-full.png)"
