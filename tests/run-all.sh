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
# A private D-Bus session bus keeps GLib/GTK from trying to autolaunch one.
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C "$builddir" --print-errorlogs "$@"
