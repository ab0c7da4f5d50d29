#!/usr/bin/env bash
# tests/run-sanitized.sh: the fuzz test and the model and store unit tests
# built with AddressSanitizer and UndefinedBehaviorSanitizer in a build
# folder of their own, and run there. tests/run-all.sh calls it for the
# whole suite; deps as for run-all.sh (tests/deps.sh).
#
# Only secuencia-cli, the schema and these tests are compiled there (not the
# app and every other test). Any report fails the test (halt_on_error).
# Leaks are not checked (detect_leaks=0): GLib's type system, GStreamer's
# registry and fontconfig keep allocations for the life of the process on
# purpose, and LeakSanitizer would report them in every test.
#
# Usage: bash tests/run-sanitized.sh [BUILD_DIR]   (default build-asan)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

asan_dir=${1:-build-asan}
tests=(test-fuzz test-time test-timeline test-peaks test-converter test-fountain
       test-element test-project test-project-peaks test-takes test-script-import
       test-cli-info)

if [[ -f $asan_dir/build.ninja ]]; then
  meson setup --reconfigure "$asan_dir" >/dev/null
else
  meson setup "$asan_dir" -Db_sanitize=address,undefined -Db_lundef=false
fi
targets=(src/secuencia-cli data/gschemas.compiled)
for t in "${tests[@]}"; do
  targets+=("tests/$t")
done
meson compile -C "$asan_dir" "${targets[@]}"

status=0
ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=0 \
UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
  dbus-run-session -- meson test -C "$asan_dir" --no-rebuild --print-errorlogs "${tests[@]}" || status=$?
echo "run-sanitized: ${tests[*]} under AddressSanitizer and UBSan ($asan_dir): exit status $status"
exit "$status"
