#!/usr/bin/env bash
# tests/demo.sh: install what is needed (tests/deps.sh), build, and start
# Secuencia on its built-in demo project. Idempotent.
#
# Usage: bash tests/demo.sh          (BUILD_DIR=build by default)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deps.sh
source "$here/deps.sh"

builddir=${BUILD_DIR:-build}
secuencia_install_deps
secuencia_build "$builddir"

cd "$here/.."
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "demo: no display (DISPLAY/WAYLAND_DISPLAY unset); starting under xvfb-run," >&2
  echo "demo: which you cannot see. Run this from a desktop session to use the app." >&2
  exec env GSETTINGS_SCHEMA_DIR="$builddir/data" xvfb-run -a "$builddir/src/secuencia" --demo
fi
exec env GSETTINGS_SCHEMA_DIR="$builddir/data" "$builddir/src/secuencia" --demo
