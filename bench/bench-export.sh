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
# Timelines: real speech in mixed formats, rates and channel counts on two
# overlapping lanes (bench/lib.sh): 50 clips are about 4 minutes, 500 clips
# about 40 minutes. Generated clips are cached in bench/.cache (gitignored);
# the first run takes a few minutes.
#
# Every run is timed with /usr/bin/time -f '%e %M' (wall seconds, peak RSS
# in KiB). Output AAC is 192 kbit/s stereo 48 kHz everywhere (avenc_aac for
# GStreamer, FFmpeg's native aac for ffmpeg: the same encoder code).
#
# Requirements: espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0
# ges-launch-1.0 (ges1.0-tools) gstreamer1.0-libav, GNU time.

set -euo pipefail

bench=bench-export
source "$(dirname "$0")/lib.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500)

bench_init espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0 ges-launch-1.0 /usr/bin/time

for n in "${sizes[@]}"; do
  echo "== $n clips =="
  rm -f "$work/results"
  bench_timeline "$n"

  # --- 1. secuencia-cli export ---
  timed secuencia "$cli" export "$project" --timeline "$id" -o "$work/secuencia-$n.m4a"

  # --- 2. ges-launch-1.0, same encoder (avenc_aac) and bit rate ---
  if [ -z "${SKIP_GES:-}" ]; then
    bench_ges_args "$work/ges-$n.m4a"
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
  bench_encoder_alone "$work/secuencia-$n.m4a" "$work/enc-$n.m4a"

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
