#!/bin/bash
# bench-loudness.sh: what a loudness target costs. The same timeline (the
# clips and layout of bench-export.sh, from its cache) is exported as a
# plain mix (--loudness off --no-limiter: the raw sum, one pass), with the
# default limiter (one pass), and normalised (--loudness podcast: a
# measuring pass, then the render), alternately, RUNS times each; prints
# the median wall times and the ratios against the plain export.
#
# Usage: bench/bench-loudness.sh [N_CLIPS] [RUNS]      (default: 500 3)
#   SECUENCIA_CLI=path/to/secuencia-cli   (default: build/src/secuencia-cli)
#   FORMAT=m4a                            output format (default m4a)
#
# The clips must be in bench/.cache/clips: run bench/bench-export.sh N
# once first. Target (issue 11): normalised / plain <= 1.35.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cli=${SECUENCIA_CLI:-$top/build/src/secuencia-cli}
cache=$here/.cache
n=${1:-500}
runs=${2:-3}
format=${FORMAT:-m4a}

for tool in ffprobe /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-loudness: $tool is missing" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench-loudness: $cli not built (set SECUENCIA_CLI)" >&2; exit 1; }
clips=()
for ((i = 0; i < n; i++)); do
  c=$(ls "$cache"/clips/"$(printf '%04d' "$i")".* 2>/dev/null | head -n1 || true)
  [ -n "$c" ] || { echo "bench-loudness: clip $i not cached: run bench/bench-export.sh $n first" >&2; exit 1; }
  clips+=("$c")
done

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-loudness-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The layout of bench-export.sh: alternate lanes, each clip starting at 90 %
# of the previous one plus 0.2 s, every third trimmed by 0.2 s.
spec=$work/spec.json
t=0
{
  printf '{"name": "Bench %d", "clips": [\n' "$n"
  for ((i = 0; i < n; i++)); do
    d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "${clips[$i]}")
    IFS=$'\t' read -r line t < <(awk -v p="${clips[$i]}" -v d="$d" -v t="$t" -v i="$i" 'BEGIN {
      ss = (i % 3 == 0) ? 0.2 : 0.0; dur = d - ss - 0.25
      printf "%s{\"file\": \"%s\", \"offset\": %.6f, \"source_start\": %.6f, \"duration\": %.6f, \"lane\": %d}\t%.6f\n",
             (i > 0 ? "," : ""), p, t, ss, dur, i % 2, t + dur * 0.9 + 0.2 }')
    echo "$line"
  done
  echo ']}'
} > "$spec"
project=$work/bench.secuencia
id=$("$cli" import-timeline "$project" "$spec" | tail -n1 | awk '{ print $NF }')

run () {   # run NAME args… → appends the wall time to $work/NAME
  local name=$1; shift
  /usr/bin/time -f '%e' -o "$work/time" "$cli" export "$project" --timeline "$id" --force \
    -o "$work/out.$format" "$@" > "$work/report-$name.json" 2> "$work/log" \
    || { echo "bench-loudness: $name failed" >&2; tail -n 20 "$work/log" >&2; exit 1; }
  tail -n1 "$work/time" >> "$work/$name"
}

for ((r = 1; r <= runs; r++)); do
  run plain --loudness off --no-limiter
  run limiter --loudness off --report
  run podcast --loudness podcast --report
  echo "run $r: plain $(tail -n1 "$work/plain") s, limiter $(tail -n1 "$work/limiter") s," \
       "podcast $(tail -n1 "$work/podcast") s"
done

median () { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
p=$(median "$work/plain"); l=$(median "$work/limiter"); q=$(median "$work/podcast")
echo "timeline: $n clips; $format; median of $runs runs"
printf '%-28s %8.2f s\n' "plain (raw sum)" "$p"
printf '%-28s %8.2f s   %.2f x plain\n' "limiter (default)" "$l" "$(awk -v a="$l" -v b="$p" 'BEGIN { print a / b }')"
printf '%-28s %8.2f s   %.2f x plain (target <= 1.35)\n' "normalised (podcast)" "$q" \
  "$(awk -v a="$q" -v b="$p" 'BEGIN { print a / b }')"
grep -E '"(integrated_lufs|true_peak_dbtp|passes|gain_db)"' "$work/report-podcast.json" | tr -d ' ,' | paste -sd' '   # the last integrated_lufs is the raw mix's
