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
# A private D-Bus session bus keeps GLib/GTK from trying to autolaunch one.
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C "$builddir" --print-errorlogs "$@"
