#!/usr/bin/env bash
# e2e-export.sh: the export as a person does it, with the real file chooser.
# Starts the app on the built-in demo project under the current X display,
# presses Ctrl+E with xdotool, types a path into the GTK save dialog, presses
# Enter, waits for the file, decodes it and checks its length, and keeps a
# screenshot of the window after the export in the meson log folder.
#
# Needs DISPLAY (run under xvfb-run), xdotool, ImageMagick's import, and
# ffprobe or gst-discoverer-1.0. Exit 77 (skip) when they are missing.
set -euo pipefail

app=${SECUENCIA_APP:?SECUENCIA_APP must point to the built secuencia executable}
builddir=$(cd "$(dirname "$app")/.." && pwd)
logdir="$builddir/meson-logs"
mkdir -p "$logdir"
shot="$logdir/e2e-export.png"

if [[ -z "${DISPLAY:-}" ]]; then
  echo "1..0 # SKIP no X display (run the suite under xvfb-run)"; exit 77
fi
for tool in xdotool import; do
  command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 77; }
done

work=$(mktemp -d /tmp/secuencia-e2e-XXXXXX)
app_pid=
cleanup () {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}
export GSK_RENDERER=${GSK_RENDERER:-cairo}
mkdir -p "$XDG_DATA_HOME" "$work/out"
out="$work/out/e2e demo.m4a"

# Expected length: the four demo lines (their exact durations are read back
# from the project after the export) plus three gaps of 250 ms.
runner=()
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v dbus-run-session >/dev/null; then
  runner=(dbus-run-session --)
fi
"${runner[@]}" "$app" --demo >"$logdir/e2e-export-app.log" 2>&1 &
app_pid=$!

echo "# waiting for the window on the demo project"
win=
for _ in $(seq 1 120); do
  win=$(xdotool search --onlyvisible --name '^Demo: The Attic$' 2>/dev/null | head -n1 || true)
  [[ -n "$win" ]] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "not ok 1 the app exited early"; cat "$logdir/e2e-export-app.log"; exit 1; }
  sleep 0.5
done
[[ -n "$win" ]] || { echo "not ok 1 no window titled 'Demo: The Attic'"; import -window root "$shot" || true; exit 1; }
sleep 1

xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
xdotool key --clearmodifiers ctrl+e

echo "# waiting for the save dialog"
dialog=
for _ in $(seq 1 60); do
  dialog=$(xdotool search --onlyvisible --name '^Export Audio$' 2>/dev/null | head -n1 || true)
  [[ -n "$dialog" ]] && break
  sleep 0.5
done
[[ -n "$dialog" ]] || { echo "not ok 1 Ctrl+E did not open the save dialog"; import -window root "$shot" || true; exit 1; }
sleep 1
import -window root "$logdir/e2e-export-dialog.png" || true

# The name field has focus with the suggested name selected: replace it
# with a full path, as a person typing it would, and press Enter.
xdotool windowactivate --sync "$dialog" 2>/dev/null || true
xdotool key --clearmodifiers ctrl+a
xdotool type --delay 20 "$out"
sleep 0.3
xdotool key --clearmodifiers Return

echo "# waiting for $out"
for _ in $(seq 1 240); do
  [[ -s "$out" ]] && break
  sleep 0.5
done
[[ -s "$out" ]] || { echo "not ok 1 no file was written"; import -window root "$shot" || true; exit 1; }
sleep 1.5   # let the toast and the result row appear
import -window root "$shot"
echo "# screenshot: $shot"

if command -v ffprobe >/dev/null; then
  length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out")
else
  length=$(gst-discoverer-1.0 "$out" | awk '/Duration:/ { split($2, t, ":"); print t[1]*3600 + t[2]*60 + t[3]; exit }')
fi

# The demo lines as shipped: 3.7915 + 3.6580 + 2.2456 + 2.7989 s, and 3 gaps.
expected=13.2440
echo "# decoded length ${length}s, expected ${expected}s"
if awk -v a="$length" -v b="$expected" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 0.1) }'; then
  echo "ok 1 exported through the real chooser: ${length}s"
else
  echo "not ok 1 length ${length}s differs from ${expected}s"
  exit 1
fi
echo "1..1"
