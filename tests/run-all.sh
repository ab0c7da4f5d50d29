#!/usr/bin/env bash
# tests/run-all.sh: install what is needed (tests/deps.sh), build, and run the
# whole test suite, GUI tests included, under xvfb-run. Idempotent. This is
# the command .ci/run calls.
#
# Usage: bash tests/run-all.sh [extra meson test args]   (BUILD_DIR=build by default)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deps.sh
source "$here/deps.sh"

builddir=${BUILD_DIR:-build}
secuencia_install_deps
secuencia_build "$builddir"

cd "$here/.."
whole_suite=0
(( $# > 0 )) || whole_suite=1

# SECUENCIA_KNOWN_FAULTS: a file of test names (one a line, '#' comments)
# not run on this system because of a known, open fault; each is named in
# the log, so nothing is skipped silently.
if [[ -n ${SECUENCIA_KNOWN_FAULTS:-} && $# -eq 0 ]]; then
  mapfile -t known < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$SECUENCIA_KNOWN_FAULTS" | grep -v '^$')
  selected=()
  while read -r name; do
    if printf '%s\n' "${known[@]}" | grep -qxF -- "$name"; then
      echo "run-all: NOT RUN here, a known open fault (see $SECUENCIA_KNOWN_FAULTS): $name"
    else
      selected+=("$name")
    fi
  done < <(meson test -C "$builddir" --list 2>/dev/null | sed -n 's#^.* / ##p')
  set -- "${selected[@]}"
fi
# The whole suite (no test names given) also runs the fuzz test and the
# model and store unit tests built with the sanitizers (tests/run-sanitized.sh;
# SECUENCIA_SANITIZE=0 leaves this out). It runs first so that the last
# summary in the log stays the main suite's (.ci/run counts that one).
sanitize_status=0
if (( whole_suite )) && [[ ${SECUENCIA_SANITIZE:-1} != 0 ]]; then
  bash "$here/run-sanitized.sh" "$builddir-asan" || sanitize_status=$?
fi

# A private D-Bus session bus keeps GLib/GTK from trying to autolaunch one.
status=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C "$builddir" --print-errorlogs "$@" || status=$?
if (( sanitize_status != 0 )); then
  echo "run-all: FAILED under the sanitizers (tests/run-sanitized.sh, see above)"
  (( status != 0 )) || status=$sanitize_status
fi
exit "$status"
