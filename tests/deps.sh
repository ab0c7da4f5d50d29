#!/usr/bin/env bash
# tests/deps.sh: install everything Secuencia needs to build, run and test on
# Debian 12 (bookworm) and Debian 13 (trixie). Idempotent: when every
# package is already installed it does nothing and needs no root. The ONE
# place the package list lives; used by tests/demo.sh and tests/run-all.sh
# (and thus by .ci/run), and by tests/run-in-debian13.sh for its chroot.
#
# Usage: bash tests/deps.sh        (as root, or as a user with sudo)
set -euo pipefail

SECUENCIA_PACKAGES=(
  # toolchain
  gcc pkg-config meson ninja-build gettext git
  # libraries (headers)
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libsqlite3-dev libjson-glib-dev libespeak-ng-dev
  # GStreamer elements used by import and export (AAC encoders, MP4 mux)
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-libav gstreamer1.0-tools ges1.0-tools
  # tools the tests use to make and check audio
  ffmpeg lame sox espeak-ng
  # headless GUI tests and screenshots
  xvfb xauth xdotool imagemagick dbus dbus-x11 at-spi2-core
  adwaita-icon-theme fontconfig fonts-dejavu-core
  # data file validators
  desktop-file-utils appstream
  # loudness meter (EBU R128) and the true-peak limiter (LV2, hosted by
  # gstreamer1.0-plugins-bad's lv2 element)
  libebur128-dev lsp-plugins-lv2
  # playback: sound output, and the private sound server its tests start
  gstreamer1.0-pulseaudio pulseaudio pulseaudio-utils
)

secuencia_missing_packages () {
  local p status
  for p in "${SECUENCIA_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
      printf '%s\n' "$p"
    fi
  done
}

secuencia_install_deps () {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: this script installs Debian packages with apt-get; this system has no dpkg/apt." >&2
    echo "deps: install the equivalents of: ${SECUENCIA_PACKAGES[*]}" >&2
    return 1
  fi

  local missing
  mapfile -t missing < <(secuencia_missing_packages)
  if (( ${#missing[@]} == 0 )); then
    echo "deps: all ${#SECUENCIA_PACKAGES[@]} packages are installed."
    return 0
  fi

  echo "deps: missing packages: ${missing[*]}"
  local -a as_root=()
  if (( EUID != 0 )); then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      echo "deps: need root to install them, and sudo is not available." >&2
      echo "deps: run this as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi

  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update
  # with recommends: the same set this suite was developed and tested with
  "${as_root[@]}" apt-get install -y "${missing[@]}"

  mapfile -t missing < <(secuencia_missing_packages)
  if (( ${#missing[@]} != 0 )); then
    echo "deps: still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
  echo "deps: installed."
}

# Configure (or reconfigure) and build; idempotent.
# $1: build directory (default: build)
secuencia_build () {
  local top builddir
  top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  builddir=${1:-build}
  cd "$top"
  if [[ -f "$builddir/build.ninja" ]]; then
    meson setup --reconfigure "$builddir"
  else
    meson setup "$builddir"
  fi
  meson compile -C "$builddir"
}

# When run directly (not sourced): just install.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  secuencia_install_deps
fi
