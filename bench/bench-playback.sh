#!/bin/bash
# bench-playback.sh: playback of a 40-minute, 500-clip timeline.
#
#  1. build/bench/bench-playback: time to sound after Play, seek answer
#     while playing, CPU while playing, against playbin playing one WAV.
#  2. The app itself under X (GSK_RENDERER=cairo: Xvfb's software OpenGL
#     makes every frame cost 20-100 ms by itself): its main loop's stalls
#     measured from outside with pingprobe (a _NET_WM_PING round trip every
#     5 ms, answered by the toolkit from the main loop) while idle (the
#     peer), while playing (Space), and while playing and exporting (Ctrl+E
#     through the real save dialog); and the app's CPU while playing.
#
# Usage:  xvfb-run -a -s "-screen 0 1280x1024x24" bench/bench-playback.sh [SEEKS]
#   BUILD_DIR=...   (default: build)
#   PINGPROBE=...   pingprobe.c or a built pingprobe (default:
#                   ../shared/tools/pingprobe.c beside the repository)
# Needs: pulseaudio, xdotool, dbus-run-session, gcc and libx11-dev (to
# build pingprobe). A private PulseAudio daemon with a null sink is started
# in a temporary XDG_RUNTIME_DIR, so nothing is heard and no desktop sound
# server is needed. Never pass/fail.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${BUILD_DIR:-$top/build}
seeks=${1:-20}
probe_src=${PINGPROBE:-$top/../shared/tools/pingprobe.c}
[[ -e "$probe_src" ]] || probe_src=/work/shared/tools/pingprobe.c

for tool in pulseaudio xdotool dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "bench-playback: $tool is missing" >&2; exit 1; }
done
[[ -x "$build/bench/bench-playback" ]] || { echo "bench-playback: build first ($build)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-playback-XXXXXX")
app_pid=
cleanup () {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  XDG_RUNTIME_DIR=$work/run HOME=$work/home pulseaudio --kill 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/run" "$work/home" "$work/out"
XDG_RUNTIME_DIR=$work/run HOME=$work/home pulseaudio -n --daemonize=yes --system=no \
  --exit-idle-time=-1 -L "module-native-protocol-unix auth-anonymous=1" \
  -L "module-null-sink sink_name=bench rate=48000 channels=2" 2>/dev/null
export PULSE_SERVER=unix:$work/run/pulse/native

project="$work/Playback Bench.secuencia"
"$build/bench/bench-playback" --make-project "$project"

echo
echo "== the player (in process) =="
"$build/bench/bench-playback" "$project" "$seeks"

echo
echo "== the app: main-loop stalls (pingprobe) and CPU =="
if [[ -z "${DISPLAY:-}" ]]; then
  echo "no X display: run under xvfb-run to measure the app"; exit 0
fi
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

ticks () { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)

read -r idle_max idle_p99 idle_n < <("$probe" "$win" 10)

xdotool windowfocus --sync "$win" key --clearmodifiers space
sleep 1
t0=$(ticks)
read -r play_max play_p99 play_n < <("$probe" "$win" 10)
t1=$(ticks)
app_cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / 10 }')

xdotool windowfocus --sync "$win" key --clearmodifiers ctrl+e
dialog=$(xdotool search --sync --onlyvisible --name '^Export Audio$' | head -n1)
sleep 1
xdotool windowfocus --sync "$dialog" key --clearmodifiers ctrl+a
xdotool type --delay 10 "$work/out/bench.m4a"
xdotool key --clearmodifiers Return
sleep 2
read -r both_max both_p99 both_n < <("$probe" "$win" 10)
exporting=$(ls -A "$work/out" | wc -l)

printf '\n%-28s %10s %10s %8s %8s\n' "app main loop" "max ms" "p99 ms" "pings" "max/idle"
printf '%-28s %10s %10s %8s %8s\n' "idle (peer)" "$idle_max" "$idle_p99" "$idle_n" "1.00"
printf '%-28s %10s %10s %8s %8.2f\n' "playing" "$play_max" "$play_p99" "$play_n" \
  "$(awk -v a="$play_max" -v b="$idle_max" 'BEGIN { print a / b }')"
printf '%-28s %10s %10s %8s %8.2f\n' "playing and exporting" "$both_max" "$both_p99" "$both_n" \
  "$(awk -v a="$both_max" -v b="$idle_max" 'BEGIN { print a / b }')"
echo "(target: no stall over 16 ms; files in the export folder during the last run: $exporting)"
echo "app CPU while playing: ${app_cpu} % of one core (target < 15 %)"
