# bench/lib.sh: what the export benchmarks share (sourced, not run).
#
# The benchmark timeline: real speech, espeak-ng lines (~5 s each)
# converted to mixed formats (WAV via sox, MP3 via lame and via ffmpeg,
# Ogg Vorbis, FLAC, M4A/AAC), rates (16–48 kHz) and channel counts, laid
# out on two lanes that overlap by ~10 %, every third clip trimmed: 50
# clips are about 4 minutes, 500 clips about 40 minutes. It is imported
# with `secuencia-cli import-timeline` from a generated spec. Generated
# clips are cached in bench/.cache (gitignored); the first run takes a few
# minutes.
#
# The caller sets `bench` (its name, for messages) and, before sourcing,
# may set SECUENCIA_CLI. After `bench_init TOOL...`: $here, $top, $cli,
# $cache, $work (removed on exit).

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
cli=${SECUENCIA_CLI:-$top/build/src/secuencia-cli}
cache=$here/.cache

bench_die () {
  echo "$bench: $*" >&2
  exit 1
}

# bench_init TOOL...: the tools must be there; makes $work.
bench_init () {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || bench_die "$tool is missing"
  done
  [ -x "$cli" ] || bench_die "$cli not built (set SECUENCIA_CLI)"
  mkdir -p "$cache/clips"
  work=$(mktemp -d "${TMPDIR:-/tmp}/$bench-XXXXXX")
  trap 'rm -rf "$work"' EXIT
}

bench_sentences=(
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
bench_formats=(wav mp3lame ogg flac m4a wav mp3ffmpeg ogg flac m4a)
bench_rates=(16000 22050 24000 32000 44100 48000 22050 16000 48000 44100 32000)

# Make clip $1 (0-based) if it is not cached; print "path channels".
bench_make_clip () {
  local i=$1 fmt=${bench_formats[$(( $1 % ${#bench_formats[@]} ))]}
  local rate=${bench_rates[$(( $1 % ${#bench_rates[@]} ))]} ch=$(( ($1 / 3) % 2 + 1 ))
  local base; base=$(printf '%s/clips/%04d' "$cache" "$i")
  local ext=$fmt
  case $fmt in mp3*) ext=mp3 ;; esac
  local out=$base.$ext
  if [ ! -s "$out" ]; then
    local raw=$work/raw-$i.wav conv=$work/conv-$i.wav
    espeak-ng -s 165 -w "$raw" "Line $((i + 1)). ${bench_sentences[$(( i % ${#bench_sentences[@]} ))]}"
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

# bench_timeline N: makes the N-clip timeline and its project. Sets
# $manifest (path channels offset source_start duration lane, tab
# separated), $total (seconds), $total_samples (at 48 kHz), $project and
# $id (the timeline's id).
bench_timeline () {
  local n=$1 t=0 i path ch
  manifest=$work/manifest-$n
  : > "$manifest"
  for ((i = 0; i < n; i++)); do
    read -r path ch < <(bench_make_clip "$i")
    # Layout: alternate lanes, the next clip starts at 90 % of this one
    # plus 0.2 s; every third clip trimmed by 0.2 s at its start.
    awk -v p="$path" -v ch="$ch" -v t="$t" -v i="$i" \
        -v d="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$path")" 'BEGIN {
      ss = (i % 3 == 0) ? 0.2 : 0.0
      dur = d - ss - 0.25   # margin: ffprobe over-reports some MP3 lengths
      printf "%s\t%d\t%.6f\t%.6f\t%.6f\t%d\n", p, ch, t, ss, dur, i % 2
    }' >> "$manifest"
    t=$(awk -v t="$t" -v d="$(tail -n1 "$manifest" | cut -f5)" 'BEGIN { printf "%.6f", t + d * 0.9 + 0.2 }')
  done
  total=$(awk -F'\t' '{ e = $3 + $5; if (e > m) m = e } END { printf "%.6f", m }' "$manifest")
  total_samples=$(awk -v t="$total" 'BEGIN { printf "%d", t * 48000 + 0.5 }')
  echo "timeline: $n clips, $(awk -v t="$total" 'BEGIN { printf "%d:%04.1f", t / 60, t % 60 }') min, 2 lanes"

  local spec=$work/spec-$n.json
  awk -F'\t' -v n="$n" 'BEGIN { printf "{\"name\": \"Bench %d\", \"clips\": [\n", n }
    { printf "%s{\"file\": \"%s\", \"offset\": %s, \"source_start\": %s, \"duration\": %s, \"lane\": %s}\n",
             (NR > 1 ? "," : ""), $1, $3, $4, $5, $6 }
    END { print "]}" }' "$manifest" > "$spec"
  project=$work/bench-$n.secuencia
  rm -f "$project" "$project"-wal "$project"-shm
  id=$("$cli" import-timeline "$project" "$spec" | tail -n1 | awk '{ print $NF }')
}

# bench_ges_args OUTPUT: sets the array gesargs, a ges-launch-1.0 command
# line rendering $manifest to OUTPUT (M4A, avenc_aac at 192 kbit/s when run
# with GST_PLUGIN_FEATURE_RANK=avenc_aac:MAX).
bench_ges_args () {
  local p ch off ss dur lane
  gesargs=(--track-types=audio --audio-caps "audio/x-raw,rate=48000,channels=2")
  while IFS=$'\t' read -r p ch off ss dur lane; do
    gesargs+=(+clip "file://$p" "layer=$lane" "start=$off" "inpoint=$ss" "duration=$dur")
  done < "$manifest"
  gesargs+=(+test-clip black layer=3 start=0.000000 "duration=$total" set-mute true)
  gesargs+=(-o "file://$1"
            --format "video/quicktime,variant=iso:audio/mpeg,mpegversion=4|element-properties,bitrate=192000")
}

# bench_encoder_alone M4A OUTPUT: times (as "encoder-alone") avenc_aac at
# 192 kbit/s on the decoded M4A, from a float WAV (the practical limit of
# one AAC stream).
bench_encoder_alone () {
  ffmpeg -nostdin -v error -y -i "$1" -c:a pcm_f32le -ar 48000 -ac 2 "$work/mix.wav"
  timed encoder-alone gst-launch-1.0 -q filesrc location="$work/mix.wav" ! wavparse ! audioconvert \
    ! avenc_aac bitrate=192000 ! mp4mux ! filesink location="$2"
  rm -f "$work/mix.wav"
}

# timed NAME cmd...: runs cmd (output in $work/log-NAME) under GNU time and
# appends "NAME wall_s rss_kib user_s sys_s load_before load_after" to
# $work/results (the 1-minute load averages); a failure is "NAME FAILED …".
timed () {
  local name=$1; shift
  local tf=$work/time-$name load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$work/log-$name" 2>&1; then
    echo "$name $(tail -n1 "$tf") $load $(cut -d' ' -f1 /proc/loadavg)" >> "$work/results"
  else
    echo "$bench: $name failed:" >&2
    tail -n 20 "$work/log-$name" >&2
    echo "$name FAILED 0 0 0 $load $(cut -d' ' -f1 /proc/loadavg)" >> "$work/results"
  fi
}
