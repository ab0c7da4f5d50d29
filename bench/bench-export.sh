#!/bin/bash
# bench-export.sh: how fast, and in how much memory, a timeline becomes an
# M4A: `secuencia-cli export` against ges-launch-1.0 (forced to the same
# encoder and bit rate), an ffmpeg filter-graph mixdown, and the encoder
# alone encoding the finished mix (the practical limit for one AAC stream).
#
# Usage: bench/bench-export.sh [N_CLIPS...]      (default: 50 500)
#   SECUENCIA_CLI=path/to/secuencia-cli   (default: build/src/secuencia-cli)
#   SKIP_GES=1 / SKIP_FFMPEG=1            skip a reference run
#
# Timelines are built from real speech: espeak-ng lines (~5 s each)
# converted to mixed formats (WAV via sox, MP3 via lame and via ffmpeg,
# Ogg Vorbis, FLAC, M4A/AAC), rates (16–48 kHz) and channel counts, laid out
# on two lanes that overlap by ~10 %, every third clip trimmed: 50 clips are
# about 4 minutes, 500 clips about 40 minutes. They are imported with
# `secuencia-cli import-timeline` from a generated spec. Generated clips are
# cached in bench/.cache (gitignored); the first run takes a few minutes.
#
# Every run is timed with /usr/bin/time -f '%e %M' (wall seconds, peak RSS
# in KiB). Output AAC is 192 kbit/s stereo 48 kHz everywhere (avenc_aac for
# GStreamer, FFmpeg's native aac for ffmpeg: the same encoder code).
#
# Requirements: espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0
# ges-launch-1.0 (ges1.0-tools) gstreamer1.0-libav, GNU time.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cli=${SECUENCIA_CLI:-$top/build/src/secuencia-cli}
cache=$here/.cache
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500)

for tool in espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0 ges-launch-1.0 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-export: $tool is missing" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench-export: $cli not built (set SECUENCIA_CLI)" >&2; exit 1; }

mkdir -p "$cache/clips"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-export-XXXXXX")
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
    echo "bench-export: $name failed:" >&2
    tail -n 20 "$work/log-$name" >&2
    echo "$name FAILED 0" >> "$work/results"
  fi
}

for n in "${sizes[@]}"; do
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

  # --- 1. secuencia-cli export ---
  timed secuencia "$cli" export "$project" --timeline "$id" -o "$work/secuencia-$n.m4a"

  # --- 2. ges-launch-1.0, same encoder (avenc_aac) and bit rate ---
  if [ -z "${SKIP_GES:-}" ]; then
    gesargs=(--track-types=audio --audio-caps "audio/x-raw,rate=48000,channels=2")
    while IFS=$'\t' read -r p ch off ss dur lane; do
      gesargs+=(+clip "file://$p" "layer=$lane" "start=$off" "inpoint=$ss" "duration=$dur")
    done < "$manifest"
    gesargs+=(+test-clip black layer=3 start=0.000000 "duration=$total" set-mute true)
    gesargs+=(-o "file://$work/ges-$n.m4a"
              --format "video/quicktime,variant=iso:audio/mpeg,mpegversion=4|element-properties,bitrate=192000")
    timed ges-launch env GST_PLUGIN_FEATURE_RANK=avenc_aac:MAX ges-launch-1.0 "${gesargs[@]}"
  fi

  # --- 3. ffmpeg filter graph (research §5.1) ---
  if [ -z "${SKIP_FFMPEG:-}" ]; then
    ffargs=(-nostdin -y -v error)
    graph=$work/graph-$n.txt
    printf 'anullsrc=r=48000:cl=stereo,atrim=end_sample=%s[bed];\n' "$total_samples" > "$graph"
    k=0
    mix="[bed]"
    while IFS=$'\t' read -r p ch off ss dur lane; do
      ffargs+=(-ss "$ss" -t "$dur" -i "$p")
      pan=""
      [ "$ch" = 1 ] && pan="pan=stereo|c0=c0|c1=c0,"
      printf '[%d:a]%saresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,adelay=delays=%dS:all=1[a%d];\n' \
        "$k" "$pan" "$(awk -v o="$off" 'BEGIN { printf "%d", o * 48000 + 0.5 }')" "$k" >> "$graph"
      mix="$mix[a$k]"
      k=$((k + 1))
    done < "$manifest"
    printf '%samix=inputs=%d:duration=first:normalize=0[out]\n' "$mix" "$((k + 1))" >> "$graph"
    timed ffmpeg ffmpeg "${ffargs[@]}" -filter_complex_script "$graph" -map "[out]" \
      -c:a aac -b:a 192k "$work/ffmpeg-$n.m4a"
  fi

  # --- 4. the encoder alone, on the finished mix ---
  ffmpeg -nostdin -v error -y -i "$work/secuencia-$n.m4a" -c:a pcm_f32le -ar 48000 -ac 2 "$work/mix-$n.wav"
  timed encoder-alone gst-launch-1.0 -q filesrc location="$work/mix-$n.wav" ! wavparse ! audioconvert \
    ! avenc_aac bitrate=192000 ! mp4mux ! filesink location="$work/enc-$n.m4a"
  rm -f "$work/mix-$n.wav"

  # --- report ---
  awk -v n="$n" '
    { name[NR] = $1; wall[NR] = $2; rss[NR] = $3; if ($1 == "secuencia") { sw = $2; sr = $3 } }
    END {
      printf "%-16s %10s %10s %12s %12s\n", "run (" n " clips)", "wall s", "RSS MB", "wall/secu", "RSS/secu"
      for (i = 1; i <= NR; i++) {
        if (wall[i] == "FAILED") { printf "%-16s %10s\n", name[i], "FAILED"; continue }
        printf "%-16s %10.2f %10.1f %12.2f %12.2f\n", name[i], wall[i], rss[i] / 1024,
               (sw > 0 ? wall[i] / sw : 0), (sr > 0 ? rss[i] / sr : 0)
      }
    }' "$work/results"
  awk '{ w[$1] = $2; r[$1] = $3 }
    END {
      if (w["secuencia"] > 0 && w["encoder-alone"] > 0)
        printf "secuencia / encoder alone: %.2f (target <= 1.15)\n", w["secuencia"] / w["encoder-alone"]
      if (w["secuencia"] > 0 && w["ges-launch"] > 0)
        printf "ges-launch / secuencia:    %.2f (target > 1)\n", w["ges-launch"] / w["secuencia"]
      if (r["secuencia"] > 0)
        printf "secuencia peak RSS:        %.1f MB (target < 80)\n", r["secuencia"] / 1024
    }' "$work/results"
  for f in "$work"/ges-$n.m4a "$work"/ffmpeg-$n.m4a "$work"/enc-$n.m4a; do
    rm -f "$f"
  done
  rm -f "$work/secuencia-$n.m4a" "$project" "$project"-wal "$project"-shm
done
