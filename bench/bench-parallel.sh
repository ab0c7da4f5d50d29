#!/bin/bash
# bench-parallel.sh: segment-parallel AAC export (issue 13) on the same
# timeline as bench-export.sh (espeak-ng speech lines in mixed formats on
# two overlapping lanes; 500 clips ≈ 40 minutes): `secuencia-cli export`
# with --jobs 1 and --jobs 2, each on both cores and pinned to one core
# (taskset -c 0), against ges-launch-1.0 with the same encoder (avenc_aac)
# and bit rate, and against that encoder alone on the finished mix.
# Prints wall time and peak RSS, the ratios, and an estimate for 8 cores
# from the per-segment figures the export logs (G_MESSAGES_DEBUG).
#
# Usage: bench/bench-parallel.sh [N_CLIPS]          (default: 500)
#   SECUENCIA_CLI=path/to/secuencia-cli   (default: build/src/secuencia-cli)
#   SKIP_GES=1                            skip the ges-launch-1.0 run
#
# Numbers on a shared, loaded machine are noisy: compare ratios within one
# run. Clips are cached in bench/.cache (shared with bench-export.sh).
#
# Requirements: espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0
# ges-launch-1.0 (ges1.0-tools) gstreamer1.0-libav, GNU time, taskset.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cli=${SECUENCIA_CLI:-$top/build/src/secuencia-cli}
cache=$here/.cache
n=${1:-500}

for tool in espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0 ges-launch-1.0 /usr/bin/time taskset; do
  command -v "$tool" >/dev/null || { echo "bench-parallel: $tool is missing" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench-parallel: $cli not built (set SECUENCIA_CLI)" >&2; exit 1; }

mkdir -p "$cache/clips"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-parallel-XXXXXX")
trap 'rm -rf "$work"' EXIT

sentences=(
  "I told you the train would be late, and you did not believe me."
  "Nobody leaves this room until we find out who took the letter."
  "The lighthouse keeper saw the boat long before the storm arrived."
  "If you open that door again, the whole plan falls apart tonight."
  "She kept the photograph in her coat pocket for twenty years."
  "We have three hours of daylight left, so let us not waste them."
  "The numbers on the map do not match the ones in the ledger."
  "Pass me the lantern, and keep your voice down near the stables."
  "Every summer the river floods the lower field behind the church."
  "You can still catch the last bus if you run to the corner now."
)
formats=(wav mp3lame ogg flac m4a wav mp3ffmpeg ogg flac m4a)
rates=(16000 22050 24000 32000 44100 48000 22050 16000 48000 44100 32000)

# Make clip $1 (0-based) if it is not cached; print "path channels".
make_clip () {
  local i=$1 fmt=${formats[$(( $1 % ${#formats[@]} ))]}
  local rate=${rates[$(( $1 % ${#rates[@]} ))]} ch=$(( ($1 / 3) % 2 + 1 ))
  local base; base=$(printf '%s/clips/%04d' "$cache" "$i")
  local ext=$fmt
  case $fmt in mp3*) ext=mp3 ;; esac
  local out=$base.$ext
  if [ ! -s "$out" ]; then
    local raw=$work/raw-$i.wav conv=$work/conv-$i.wav
    espeak-ng -s 165 -w "$raw" "Line $((i + 1)). ${sentences[$(( i % ${#sentences[@]} ))]}"
    sox -q "$raw" -r "$rate" -c "$ch" "$conv"
    case $fmt in
      wav) mv "$conv" "$out" ;;
      mp3lame) lame --quiet -b 96 "$conv" "$out" ;;
      mp3ffmpeg) ffmpeg -nostdin -v error -y -i "$conv" -c:a libmp3lame -b:a 96k "$out" ;;
      ogg) ffmpeg -nostdin -v error -y -i "$conv" -c:a libvorbis -q:a 4 "$out" ;;
      flac) ffmpeg -nostdin -v error -y -i "$conv" -c:a flac "$out" ;;
      m4a) ffmpeg -nostdin -v error -y -i "$conv" -c:a aac -b:a 96k "$out" ;;
    esac
    rm -f "$raw" "$conv"
  fi
  echo "$out $ch"
}

duration_of () {
  ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"
}

timed () {   # timed NAME cmd...  → appends "NAME wall rss_kib" to $work/results
  local name=$1; shift
  local tf=$work/time-$name
  if /usr/bin/time -f '%e %M' -o "$tf" "$@" >"$work/log-$name" 2>&1; then
    echo "$name $(tail -n1 "$tf")" >> "$work/results"
  else
    echo "bench-parallel: $name failed:" >&2
    tail -n 20 "$work/log-$name" >&2
    echo "$name FAILED 0" >> "$work/results"
  fi
}

echo "== $n clips =="
rm -f "$work/results"
manifest=$work/manifest-$n
: > "$manifest"
t=0
for ((i = 0; i < n; i++)); do
  read -r path ch < <(make_clip "$i")
  # Layout: alternate lanes, the next clip starts at 90 % of this one
  # plus 0.2 s; every third clip trimmed by 0.2 s at its start.
  awk -v p="$path" -v ch="$ch" -v d="$(duration_of "$path")" -v t="$t" -v i="$i" 'BEGIN {
    ss = (i % 3 == 0) ? 0.2 : 0.0
    dur = d - ss - 0.25   # margin: ffprobe over-reports some MP3 lengths
    printf "%s\t%d\t%.6f\t%.6f\t%.6f\t%d\n", p, ch, t, ss, dur, i % 2
  }' >> "$manifest"
  t=$(awk -v t="$t" -v d="$(tail -n1 "$manifest" | cut -f5)" 'BEGIN { printf "%.6f", t + d * 0.9 + 0.2 }')
done
total=$(awk -F'\t' '{ e = $3 + $5; if (e > m) m = e } END { printf "%.6f", m }' "$manifest")
total_samples=$(awk -v t="$total" 'BEGIN { printf "%d", t * 48000 + 0.5 }')
echo "timeline: $n clips, $(awk -v t="$total" 'BEGIN { printf "%d:%04.1f", t / 60, t % 60 }') min, 2 lanes"

# --- the project, via import-timeline ---
spec=$work/spec-$n.json
awk -F'\t' -v n="$n" 'BEGIN { printf "{\"name\": \"Bench %d\", \"clips\": [\n", n }
  { printf "%s{\"file\": \"%s\", \"offset\": %s, \"source_start\": %s, \"duration\": %s, \"lane\": %s}\n",
           (NR > 1 ? "," : ""), $1, $3, $4, $5, $6 }
  END { print "]}" }' "$manifest" > "$spec"
project=$work/bench-$n.secuencia
id=$("$cli" import-timeline "$project" "$spec" | tail -n1 | awk '{ print $NF }')

# --- secuencia-cli export: jobs 1 and 2, on both cores and on one ---
# --no-limiter: the peers have none (the default export adds a true-peak
# limiter; "jobs2-limiter" shows what it costs).
export G_MESSAGES_DEBUG=Secuencia
timed jobs1 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 1 -o "$work/jobs1.m4a"
timed jobs2 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 2 -o "$work/jobs2.m4a"
timed jobs2-limiter "$cli" export "$project" --timeline "$id" --jobs 2 -o "$work/jobs2l.m4a"
timed jobs1-1core taskset -c 0 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 1 -o "$work/jobs1c.m4a"
timed jobs2-1core taskset -c 0 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 2 -o "$work/jobs2c.m4a"
unset G_MESSAGES_DEBUG

# --- ges-launch-1.0, same encoder (avenc_aac) and bit rate ---
if [ -z "${SKIP_GES:-}" ]; then
  gesargs=(--track-types=audio --audio-caps "audio/x-raw,rate=48000,channels=2")
  while IFS=$'\t' read -r p ch off ss dur lane; do
    gesargs+=(+clip "file://$p" "layer=$lane" "start=$off" "inpoint=$ss" "duration=$dur")
  done < "$manifest"
  gesargs+=(+test-clip black layer=3 start=0.000000 "duration=$total" set-mute true)
  gesargs+=(-o "file://$work/ges.m4a"
            --format "video/quicktime,variant=iso:audio/mpeg,mpegversion=4|element-properties,bitrate=192000")
  timed ges-launch env GST_PLUGIN_FEATURE_RANK=avenc_aac:MAX ges-launch-1.0 "${gesargs[@]}"
fi

# --- the encoder alone, on the finished mix ---
ffmpeg -nostdin -v error -y -i "$work/jobs1.m4a" -c:a pcm_f32le -ar 48000 -ac 2 "$work/mix.wav"
timed encoder-alone gst-launch-1.0 -q filesrc location="$work/mix.wav" ! wavparse ! audioconvert \
  ! avenc_aac bitrate=192000 ! mp4mux ! filesink location="$work/enc.m4a"
rm -f "$work/mix.wav"

# --- the parallel file decodes to the exact length ---
for f in jobs1 jobs2; do
  got=$(ffmpeg -nostdin -v error -i "$work/$f.m4a" -f f32le -ac 2 -ar 48000 - | wc -c)
  echo "$f: $((got / 8)) samples decoded (timeline: $total_samples)"
done

# --- report ---
awk -v n="$n" '
  { name[NR] = $1; wall[NR] = $2; rss[NR] = $3; if ($1 == "jobs2") { sw = $2 } }
  END {
    printf "%-16s %10s %10s %12s\n", "run (" n " clips)", "wall s", "RSS MB", "wall/jobs2"
    for (i = 1; i <= NR; i++) {
      if (wall[i] == "FAILED") { printf "%-16s %10s\n", name[i], "FAILED"; continue }
      printf "%-16s %10.2f %10.1f %12.2f\n", name[i], wall[i], rss[i] / 1024, (sw > 0 ? wall[i] / sw : 0)
    }
  }' "$work/results"
awk '{ w[$1] = $2; r[$1] = $3 }
  END {
    if (w["jobs2"] > 0 && w["ges-launch"] > 0)
      printf "ges-launch / jobs 2:      %.2f (target >= 1.6)\n", w["ges-launch"] / w["jobs2"]
    if (w["jobs2"] > 0 && w["encoder-alone"] > 0)
      printf "encoder alone / jobs 2:   %.2f (target >= 1.5)\n", w["encoder-alone"] / w["jobs2"]
    if (w["jobs2"] > 0 && w["jobs1"] > 0)
      printf "jobs 1 / jobs 2:          %.2f (2 cores)\n", w["jobs1"] / w["jobs2"]
    if (w["jobs2-1core"] > 0 && w["jobs1-1core"] > 0)
      printf "jobs 2 / jobs 1, 1 core:  %.2f (the cost of pre-roll and joins)\n", w["jobs2-1core"] / w["jobs1-1core"]
    if (r["jobs2"] > 0)
      printf "jobs 2 peak RSS:          %.1f MB (target < 160)\n", r["jobs2"] / 1024
  }' "$work/results"

# --- 8 cores, estimated from the one-core parallel run's segments ---
# One core's cost per second of audio mixed and encoded is the pinned
# jobs-2 run's wall time over the audio its parts encoded (pre-roll
# included); 8 workers share 32 parts (4 per worker) of which all but the
# first also encode SECUENCIA_PARALLEL_PREROLL_MS (10 s) of pre-roll.
wall1=$(awk '$1 == "jobs2-1core" { print $2 }' "$work/results")
grep -h 'parallel export: part' "$work/log-jobs2-1core" | awk -v total="$total" -v wall="$wall1" '
  { for (i = 1; i <= NF; i++) if ($i == "audio") a = $(i - 3)
    audio += a; parts++ }
  END {
    if (parts == 0 || wall == "" || wall == "FAILED") { print "no per-segment figures"; exit }
    c = wall / audio
    printf "per part (1 core, %d parts): %.4f s per s of audio\n", parts, c
    jobs = 8; segs = 4 * jobs; seg = total / segs
    if (seg < 30) { seg = 30; segs = int(total / seg + 0.5) }
    work = total + (segs - 1) * 10
    printf "8 cores, estimated: %.1f s (%d parts of %.0f s, %.0f s of audio encoded)\n", c * work / jobs, segs, seg, work
  }'
grep -h 'parallel export: part' "$work/log-jobs2" | sed 's/^/  2 cores: /' || true
