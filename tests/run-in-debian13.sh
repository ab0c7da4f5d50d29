#!/usr/bin/env bash
# tests/run-in-debian13.sh: run a command from this source tree (by default
# the README's test command, `bash tests/run-all.sh`) in a fresh Debian 13
# (trixie) chroot, then remove the chroot. As root; .ci/run calls it after
# the suite has passed on this machine.
#
# The chroot is made with debootstrap from the Debian mirror this machine's
# apt sources name (or $SECUENCIA_DEBIAN_MIRROR). Two layers are cached under
# $SECUENCIA_CHROOT_CACHE (default /var/tmp/secuencia-debian13):
#   base-trixie-<mirror>.tar        the debootstrapped system
#   deps-trixie-<…>.tar             the same with tests/deps.sh's packages
#                                   (named by a hash of the package list)
# so that a second run only unpacks a tarball (remove the folder to start
# from nothing). Every run unpacks into a new folder, copies the source tree
# in (tracked and untracked files, not ignored ones such as build/), bind
# mounts /proc, /sys, /dev, /dev/pts and /dev/shm, runs the command, and
# unmounts and removes everything on any exit.
#
# Usage: sudo bash tests/run-in-debian13.sh [COMMAND…]
#        e.g. sudo bash tests/run-in-debian13.sh bash tests/run-all.sh test-window
# Set SECUENCIA_CHROOT_KEEP=1 to keep the chroot (its path is printed).
set -euo pipefail

suite=trixie
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SECUENCIA_CHROOT_CACHE:-/var/tmp/secuencia-debian13}

say () { printf 'debian13: %s\n' "$*" >&2; }
die () { say "$*"; exit 1; }

if (( EUID != 0 )); then
  die "making a chroot needs root; run: sudo bash tests/run-in-debian13.sh $*"
fi
if (( $# == 0 )); then
  set -- bash tests/run-all.sh
fi

# The Debian mirror (and security mirror) named in this machine's apt
# sources: deb822 files (URIs:/Suites:) and one-line "deb URI SUITE" files.
find_mirrors () {
  local f
  shopt -s nullglob
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    awk '$1 == "deb" { l = $0; sub(/\[[^]]*\]/, "", l); split(l, a); print a[2], a[3] }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    awk '/^[[:space:]]*$/ { if (u != "" && s != "") print u, s; u = ""; s = ""; next }
         /^URIs:/ { u = $2 } /^Suites:/ { s = $2 }
         END { if (u != "" && s != "") print u, s }' "$f"
  done
}

mirror=${SECUENCIA_DEBIAN_MIRROR:-}
security=${SECUENCIA_DEBIAN_SECURITY_MIRROR:-}
debian_suites='^(buster|bullseye|bookworm|trixie|forky|sid|stable|oldstable|testing|unstable)'
while read -r uri s; do
  uri=${uri%/}
  if [[ $s =~ ${debian_suites}-security$ ]]; then
    [[ -n $security ]] || security=$uri
  elif [[ $s =~ ${debian_suites}(-updates|-backports)?$ ]]; then
    [[ -n $mirror ]] || mirror=$uri
  fi
done < <(find_mirrors)
if [[ -z $mirror ]]; then
  mirror=http://deb.debian.org/debian
  say "no Debian mirror in /etc/apt/sources*; using $mirror"
fi
say "mirror: $mirror${security:+ (security: $security)}"

if ! command -v debootstrap >/dev/null 2>&1; then
  say "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >/dev/null ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >/dev/null; } ||
    die "cannot install debootstrap; install it and run again"
fi

mkdir -p "$cache"
mirror_key=$(printf '%s %s' "$mirror" "$security" | sha256sum | cut -c1-12)
# the package list itself, not the comments around it
deps_key=$(bash -c 'source "$1" && printf "%s\n" "${SECUENCIA_PACKAGES[@]}"' bash "$top/tests/deps.sh" |
           sha256sum | cut -c1-12)
base_tar=$cache/base-$suite-$mirror_key.tar
deps_tar=$cache/deps-$suite-$mirror_key-$deps_key.tar

root=
mounted=()

# Processes whose root is the chroot (a daemon a package started, a test
# left behind): none may outlive the run or change the tree being packed.
stop_processes () {
  local p pids=()
  [[ -n $root ]] || return 0
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]] && pids+=("${p#/proc/}")
  done
  if (( ${#pids[@]} > 0 )); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 1
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
}

cleanup () {
  local rc=$? i
  stop_processes
  for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null ||
      say "cannot unmount ${mounted[i]}"
  done
  mounted=()
  if [[ -n $root && -d $root ]]; then
    if [[ ${SECUENCIA_CHROOT_KEEP:-0} == 1 ]]; then
      say "kept the chroot in $root"
    elif grep -q " $root" /proc/self/mounts; then
      say "something is still mounted under $root; not removing it"
      rc=1
    else
      rm -rf --one-file-system "$root"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Mount point inside the chroot; remembered for cleanup.
bind () {
  mkdir -p "$root$2"
  mount "${@:3}" "$1" "$root$2"
  mounted+=("$root$2")
}

enter () {
  bind proc /proc -t proc
  bind /sys /sys --bind
  bind /dev /dev --bind
  bind /dev/pts /dev/pts --bind
  bind /dev/shm /dev/shm --bind
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

leave () {
  local i
  stop_processes
  for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do
    umount "${mounted[i]}"
  done
  mounted=()
}

in_chroot () {
  chroot "$root" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# Write a tarball atomically. (GNU tar exits 1 when a file changed while
# it was read: with nothing running in the chroot, only logs and caches.)
pack () {
  local rc=0
  tar -C "$root" --one-file-system --warning=no-file-changed -cf "$1.part" . || rc=$?
  if (( rc > 1 )); then
    rm -f "$1.part"
    die "cannot write $1 (tar exit status $rc)"
  fi
  mv "$1.part" "$1"
}

new_root () {
  root=$(mktemp -d "$cache/run.XXXXXX")
  chmod 755 "$root"
}

# One run at a time makes the cached layers; the others wait and use them.
exec 9>"$cache/layers.lock"
flock 9
if [[ ! -f $deps_tar ]]; then
  if [[ ! -f $base_tar ]]; then
    new_root
    say "debootstrap $suite from $mirror (once; cached in $base_tar)"
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
      { tail -n 20 "$cache/debootstrap.log" >&2; die "debootstrap failed (log: $cache/debootstrap.log)"; }
    {
      echo "deb $mirror $suite main"
      echo "deb $mirror $suite-updates main"
      [[ -z $security ]] || echo "deb $security $suite-security main"
    } >"$root/etc/apt/sources.list"
    # No services start inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    in_chroot apt-get clean
    pack "$base_tar"
    rm -rf --one-file-system "$root"
    root=
  fi
  new_root
  say "installing tests/deps.sh's packages (once per version of deps.sh; cached in $deps_tar)"
  tar -C "$root" -xf "$base_tar"
  enter
  cp "$top/tests/deps.sh" "$root/tmp/deps.sh"
  in_chroot bash /tmp/deps.sh
  in_chroot apt-get clean
  rm -f "$root/tmp/deps.sh"
  leave
  pack "$deps_tar"
  rm -rf --one-file-system "$root"
  root=
  # older deps layers are of no further use
  find "$cache" -maxdepth 1 -name "deps-$suite-*.tar" ! -name "${deps_tar##*/}" -delete
fi
flock -u 9
exec 9>&-

new_root
say "chroot: $root"
tar -C "$root" -xf "$deps_tar"
enter

# The source tree: tracked and untracked files, not the ignored ones.
mkdir -p "$root/src/secuencia"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$top" ls-files -z --cached --others --exclude-standard |
    (cd "$top" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
    tar -C "$root/src/secuencia" -xf -
else
  tar -C "$top" --exclude=./build --exclude='./build-*' -cf - . | tar -C "$root/src/secuencia" -xf -
fi

# Xvfb also listens on an abstract socket per display, which a chroot shares
# with this machine, and X clients try that socket first: a display number
# in use here (now or later) would connect the tests to this machine's X
# server. xvfb-run -a takes the first number from 99 without a lock file;
# locks naming a live process (init) keep it above those used here.
for (( n = 99; n < 400; n++ )); do
  printf '%10d\n' 1 >"$root/tmp/.X$n-lock"
done

say "running in Debian 13: $*"
set +e
in_chroot bash -c 'cd /src/secuencia && exec "$@"' bash "$@"
rc=$?
set -e
say "exit status $rc"
exit "$rc"
