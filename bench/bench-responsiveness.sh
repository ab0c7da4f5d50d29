#!/bin/bash
# bench-responsiveness.sh: does the window freeze while it exports?
#
# The app itself under X (GSK_RENDERER=cairo: Xvfb's software OpenGL makes
# every frame cost 20-100 ms by itself) with the 500-line bench project of
# bench-playback (~42 minutes of audio). Its main loop's stalls are measured
# from outside with pingprobe (a _NET_WM_PING round trip every 5 ms,
# answered by the toolkit from the main loop): while idle (the peer), and
# from Ctrl+E (through the real save dialog) until the exported file
# exists, in 5-second windows (the worst window's max and p99 are shown).
#
# With PERF=1 (root, perf, and these uprobes defined once:
#   perf probe -x /lib/x86_64-linux-gnu/libX11.so.6 XTranslateCoordinates
#   perf probe -x /lib/x86_64-linux-gnu/libc.so.6 fdatasync
# ) it also counts, on the main thread only, during the export, the calls
# that wait for something outside the process: XTranslateCoordinates (a
# synchronous X round trip GTK makes each time the toplevel's size is
# worked out again) and fdatasync (SQLite waiting for the disk). These
# counts do not depend on the machine's load; the stall times do.
#
# Usage:  xvfb-run -a -s "-screen 0 1280x1024x24" bench/bench-responsiveness.sh
#   BUILD_DIR=...   (default: build)
#   PINGPROBE=...   pingprobe.c or a built pingprobe (default:
#                   ../shared/tools/pingprobe.c beside the repository)
# Needs: xdotool, dbus-run-session, gcc and libx11-dev (to build
# pingprobe). Never pass/fail.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${BUILD_DIR:-$top/build}
probe_src=${PINGPROBE:-$top/../shared/tools/pingprobe.c}
[[ -e "$probe_src" ]] || probe_src=/work/shared/tools/pingprobe.c

for tool in xdotool dbus-run-session gcc; do
  command -v "$tool" >/dev/null || { echo "bench-responsiveness: $tool is missing" >&2; exit 1; }
done
[[ -x "$build/bench/bench-playback" && -x "$build/src/secuencia" ]] ||
  { echo "bench-responsiveness: build first ($build)" >&2; exit 1; }
[[ -n "${DISPLAY:-}" ]] || { echo "bench-responsiveness: run it under xvfb-run" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-responsiveness-XXXXXX")
app_pid=
app=
perf_pid=
cleanup () {
  if [[ -n "$perf_pid" ]] && kill -0 "$perf_pid" 2>/dev/null; then
    kill -INT "$perf_pid" 2>/dev/null || true
  fi
  # The app itself, then dbus-run-session (which does not pass it on).
  if [[ -n "$app" ]] && kill -0 "$app" 2>/dev/null; then
    kill "$app" 2>/dev/null || true
  fi
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/out"

project="$work/Playback Bench.secuencia"
"$build/bench/bench-playback" --make-project "$project" >/dev/null

if [[ "$probe_src" == *.c ]]; then
  gcc -O2 -o "$work/pingprobe" "$probe_src" -lX11
  probe=$work/pingprobe
else
  probe=$probe_src
fi

export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" GSK_RENDERER=cairo
runner=()
[[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || runner=(dbus-run-session --)
"${runner[@]}" "$build/src/secuencia" "$project" >"$work/app.log" 2>&1 &
app_pid=$!
win=$(xdotool search --sync --onlyvisible --name '^Playback Bench$' | head -n1)
sleep 2
app=$(pgrep -f "^$build/src/secuencia" | head -n1)

read -r idle_max idle_p99 idle_n < <("$probe" "$win" 10)

if [[ -n "${PERF:-}" ]]; then
  # The main thread's id is the process id.
  perf stat -x, -t "$app" -o "$work/perf.csv" \
    -e probe_libX11:XTranslateCoordinates -e probe_libc:fdatasync &
  perf_pid=$!
  sleep 1
fi

start=$(date +%s.%N)
start_s=$SECONDS
xdotool windowfocus --sync "$win" key --clearmodifiers ctrl+e
dialog=$(xdotool search --sync --onlyvisible --name '^Export Audio$' | head -n1)
sleep 1
xdotool windowfocus --sync "$dialog" key --clearmodifiers ctrl+a
xdotool type --delay 10 "$work/out/bench.m4a"
xdotool key --clearmodifiers Return
: > "$work/windows"
while [[ ! -e "$work/out/bench.m4a" ]]; do
  "$probe" "$win" 5 >> "$work/windows"
  if (( SECONDS - start_s > 900 )); then
    echo "bench-responsiveness: the export took over 15 minutes" >&2; exit 1
  fi
done
# The finished export's toast and result row.
"$probe" "$win" 2 >> "$work/windows"
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

xt=-; fs=-
if [[ -n "$perf_pid" ]]; then
  kill -INT "$perf_pid"; wait "$perf_pid" || true; perf_pid=
  xt=$(awk -F, '/XTranslateCoordinates/ { print $1 }' "$work/perf.csv")
  fs=$(awk -F, '/fdatasync/ { print $1 }' "$work/perf.csv")
fi

read -r exp_max exp_p99 exp_n < <(awk '
  { if ($1 > m) m = $1; if ($2 > p) p = $2; n += $3 }
  END { printf "%.1f %.1f %d\n", m, p, n }' "$work/windows")

printf '\n%-22s %8s %8s %7s %9s %9s %13s %9s\n' "app main loop" "max ms" "p99 ms" "pings" \
  "max/idle" "p99/idle" "X round trips" "fdatasync"
printf '%-22s %8s %8s %7s %9s %9s %13s %9s\n' "idle (peer)" "$idle_max" "$idle_p99" "$idle_n" \
  "1.00" "1.00" "" ""
printf '%-22s %8s %8s %7s %9.2f %9.2f %13s %9s\n' "exporting 500 lines" "$exp_max" "$exp_p99" \
  "$exp_n" "$(awk -v a="$exp_max" -v b="$idle_max" 'BEGIN { print a / b }')" \
  "$(awk -v a="$exp_p99" -v b="$idle_p99" 'BEGIN { print a / b }')" "$xt" "$fs"
echo "(export ${elapsed} s from Ctrl+E; p99 is the worst 5-s window's; X round trips and"
echo " fdatasync: calls on the main thread during the export, PERF=1; load average:"
echo " $(cut -d' ' -f1-3 /proc/loadavg); target: no stall over 16 ms)"
