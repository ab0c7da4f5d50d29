#!/bin/bash
# bench-parallel.sh: segment-parallel AAC export (issue 13) on the timeline
# of bench-export.sh (bench/lib.sh: espeak-ng speech lines in mixed formats
# on two overlapping lanes; 500 clips ≈ 41 minutes), in one run:
#   ges-launch     ges-launch-1.0 with the same encoder (avenc_aac) and bit rate
#   encoder-alone  avenc_aac alone on the finished mix (one AAC stream's limit)
#   jobs1, jobs2   `secuencia-cli export --jobs 1` / `--jobs 2`
#   jobs1-1core, jobs2-1core   the same pinned to one core (taskset -c 0):
#                  how the time scales with 1 and 2 workers, and what the
#                  pre-roll and the joins cost
# Each row: wall time, CPU time (user + system), peak RSS and the 1-minute
# load average before and after. Then the ratios against the targets, and
# an estimate for 8 cores from the per-part figures the export logs.
#
# Usage: bench/bench-parallel.sh [N_CLIPS]          (default: 500)
#   SECUENCIA_CLI=path/to/secuencia-cli   (default: build/src/secuencia-cli)
#   SKIP_GES=1         skip the ges-launch-1.0 run
#   SKIP_1CORE=1       skip the two pinned runs
#   WITH_LIMITER=1     also jobs 2 with the default true-peak limiter
# All Secuencia runs use --no-limiter: the peers have none.
#
# On a quiet 2-core machine the 500-clip run takes about 8 minutes (plus a
# few for the clips, once). On a shared, loaded machine the wall times and
# their ratios are noisy (see the load columns): CPU seconds and RSS are
# what can be trusted there.
#
# Requirements: espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0
# ges-launch-1.0 (ges1.0-tools) gstreamer1.0-libav, GNU time, taskset.

set -euo pipefail

bench=bench-parallel
source "$(dirname "$0")/lib.sh"
n=${1:-500}

bench_init espeak-ng sox lame ffmpeg ffprobe gst-launch-1.0 ges-launch-1.0 /usr/bin/time taskset
echo "== $n clips, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) =="
bench_timeline "$n"
rm -f "$work/results"

# --- Secuencia: jobs 1 and 2, on all cores and on one ---
export G_MESSAGES_DEBUG=Secuencia
timed jobs1 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 1 -o "$work/jobs1.m4a"
timed jobs2 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 2 -o "$work/jobs2.m4a"
if [ -z "${SKIP_1CORE:-}" ]; then
  timed jobs1-1core taskset -c 0 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 1 -o "$work/c1.m4a"
  timed jobs2-1core taskset -c 0 "$cli" export "$project" --timeline "$id" --no-limiter --jobs 2 -o "$work/c2.m4a"
  rm -f "$work/c1.m4a" "$work/c2.m4a"
fi
if [ -n "${WITH_LIMITER:-}" ]; then
  timed jobs2-limiter "$cli" export "$project" --timeline "$id" --jobs 2 -o "$work/l2.m4a"
  rm -f "$work/l2.m4a"
fi
unset G_MESSAGES_DEBUG

# --- ges-launch-1.0, same encoder (avenc_aac) and bit rate ---
if [ -z "${SKIP_GES:-}" ]; then
  bench_ges_args "$work/ges.m4a"
  timed ges-launch env GST_PLUGIN_FEATURE_RANK=avenc_aac:MAX ges-launch-1.0 "${gesargs[@]}"
  rm -f "$work/ges.m4a"
fi

# --- the encoder alone, on the finished mix ---
bench_encoder_alone "$work/jobs1.m4a" "$work/enc.m4a"
rm -f "$work/enc.m4a"

# --- both files decode to the timeline's exact length ---
for f in jobs1 jobs2; do
  got=$(ffmpeg -nostdin -v error -i "$work/$f.m4a" -f f32le -ac 2 -ar 48000 - | wc -c)
  echo "$f.m4a: $((got / 8)) samples decoded, timeline $total_samples"
done

# --- report ---
echo
awk -v n="$n" '
  { name[NR] = $1; wall[NR] = $2; rss[NR] = $3; cpu[NR] = $4 + $5; l0[NR] = $6; l1[NR] = $7
    if ($1 == "jobs2") sw = $2 }
  END {
    printf "%-14s %8s %8s %9s %8s %12s %10s\n", "run (" n ")", "wall s", "CPU s", "CPU/wall",
           "RSS MB", "load at→end", "wall/jobs2"
    for (i = 1; i <= NR; i++) {
      if (wall[i] == "FAILED") { printf "%-14s %8s\n", name[i], "FAILED"; continue }
      printf "%-14s %8.1f %8.1f %9.2f %8.1f %6.2f→%-5.2f %10.2f\n", name[i], wall[i], cpu[i],
             cpu[i] / (wall[i] > 0 ? wall[i] : 1), rss[i] / 1024, l0[i], l1[i],
             (sw > 0 ? wall[i] / sw : 0)
    }
  }' "$work/results"
echo
awk '{ w[$1] = $2; r[$1] = $3; c[$1] = $4 + $5 }
  function ratio(label, a, b, note) {
    if (a > 0 && b > 0) printf "%-38s %5.2f  %s\n", label, a / b, note
  }
  END {
    ratio("ges-launch / jobs 2 (wall):", w["ges-launch"], w["jobs2"], "target >= 1.6")
    ratio("encoder alone / jobs 2 (wall):", w["encoder-alone"], w["jobs2"], "target >= 1.5")
    ratio("jobs 1 / jobs 2 (wall):", w["jobs1"], w["jobs2"], "2 workers on 2 cores")
    ratio("jobs 2 / jobs 1, one core (wall):", w["jobs2-1core"], w["jobs1-1core"],
          "the cost of pre-roll and joins; 1.00 is none")
    ratio("jobs 2 / jobs 1 (CPU s):", c["jobs2"], c["jobs1"], "the same, in CPU seconds")
    ratio("jobs 1 / encoder alone (CPU s):", c["jobs1"], c["encoder-alone"],
          "what the mix costs over the encoder")
    # On a loaded machine: what 2 free cores would give, from CPU seconds
    # (a peer as fast as its CPU seconds, jobs 2 spread perfectly on 2)
    if (c["jobs2"] > 0 && c["ges-launch"] > 0)
      printf "%-38s %5.2f  %s\n", "ges-launch CPU s / (jobs 2 CPU s / 2):",
             c["ges-launch"] / (c["jobs2"] / 2), "loaded machine: the best case on 2 free cores"
    if (c["jobs2"] > 0 && c["encoder-alone"] > 0)
      printf "%-38s %5.2f  %s\n", "encoder CPU s / (jobs 2 CPU s / 2):",
             c["encoder-alone"] / (c["jobs2"] / 2), "the same against the encoder alone"
    if (r["jobs2"] > 0)
      printf "%-38s %5.1f  %s\n", "jobs 2 peak RSS (MB):", r["jobs2"] / 1024, "target < 160"
  }' "$work/results"

# --- per part, and 8 cores estimated from them ---
# Each part logs "part K: A s of audio (P s pre-roll) in T s". The cost of
# one second of audio on one core is the jobs 2 run's CPU seconds over the
# audio its parts mixed and encoded (pre-roll included). An 8-core export
# plans 32 parts (4 per worker, none under 30 s), each but the first with
# 10 s of pre-roll, run in rounds of 8: it takes the rounds times one
# part's cost. Not counted: memory bandwidth, turbo clocks, the joiner (a
# few hundred ms), parts of uneven cost.
echo
grep -h 'parallel export: part' "$work/log-jobs2" | awk -v total="$total" -v cpu="$(awk '$1 == "jobs2" { print $4 + $5 }' "$work/results")" '
  { for (i = 1; i <= NF; i++) {
      if ($i == "audio") a = $(i - 3)
      if ($i == "pre-roll)") p = substr($(i - 2), 2)
      if ($i == "in") t = $(i + 1)
    }
    audio += a; pre += p; parts++; wall += t
    if (t > 0) { r = a / t; if (min == "" || r < min) min = r; if (r > max) max = r }
  }
  END {
    if (parts == 0 || cpu == "" || cpu <= 0) { print "no per-part figures"; exit }
    printf "jobs 2: %d parts, %.0f s of audio mixed and encoded (%.0f s of it pre-roll, %.1f %%)\n",
           parts, audio, pre, 100 * pre / audio
    printf "        each part ran %.0f–%.0f× real time; %.4f CPU s per s of audio\n", min, max, cpu / audio
    c = cpu / audio
    jobs = 8; segs = 4 * jobs; seg = total / segs
    if (seg < 30) { seg = 30; segs = int(total / seg + 0.5) }
    work = total + (segs - 1) * 10
    rounds = int((segs + jobs - 1) / jobs)
    est = c * (seg + 10) * rounds
    printf "8 cores, estimated: %.1f s (%d parts of %.0f s in %d rounds, %.0f s of audio: %.0f s of it pre-roll)\n",
           est, segs, seg, rounds, work, work - total
  }'
