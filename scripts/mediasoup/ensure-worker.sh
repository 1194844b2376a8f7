#!/usr/bin/env bash
# Puts a working mediasoup-worker at node_modules/mediasoup/worker/out/Release/.
# Run from the project root after `MEDIASOUP_WORKER_BIN=skip npm ci`.
#
# mediasoup's own postinstall downloads a prebuilt worker from GitHub and
# otherwise builds one with pip and meson wraps from the internet; on machines
# that only reach npm and Debian apt both fail. So, in order:
#   1. keep a worker that is already in place (and was made from this recipe),
#   2. mediasoup's prebuilt download (fails fast when GitHub is unreachable),
#   3. a worker we built earlier, cached outside node_modules (npm ci wipes it),
#   4. build it from the package's worker/ sources against Debian's libraries
#      (recipe: docs "mediasoup worker, built from Debian's libraries").
# A built worker links Debian's shared libuv1, libssl3, libsrtp2-1, libusrsctp2
# and libabsl20220623: a machine (or image) that runs it needs those packages.
#
# Env: VETMEET_CACHE_DIR (default ~/.cache/vetmeet),
#      MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD=1 to skip step 2,
#      MEDIASOUP_BUILD_VERBOSE=1 to stream the compiler output.
set -euo pipefail

RECIPE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKG_DIR="$PWD/node_modules/mediasoup"
OUT_DIR="$PKG_DIR/worker/out/Release"
BIN="$OUT_DIR/mediasoup-worker"
# Records where the in-place binary came from, so a recipe change is noticed.
STAMP="$OUT_DIR/.vetmeet-worker"

APT_PACKAGES=(meson ninja-build pkg-config g++ libuv1-dev libssl-dev libabsl-dev
  libsrtp2-dev libusrsctp-dev libflatbuffers-dev flatbuffers-compiler)

log() { echo "[mediasoup-worker] $*"; }
die() { echo "[mediasoup-worker] ERROR: $*" >&2; exit 1; }

[[ -f "$PKG_DIR/package.json" ]] ||
  die "no $PKG_DIR; run from the project root after npm ci"

VERSION="$(node -p 'require(process.argv[1]).version' "$PKG_DIR/package.json")"
# Paths are relative to the recipe folder, so the hash is the same wherever
# the project is checked out.
RECIPE_HASH="$(cd "$RECIPE_DIR" && find . -type f -print0 | LC_ALL=C sort -z |
  xargs -0 sha256sum | sha256sum | cut -c1-12)"
KEY="$VERSION-$RECIPE_HASH"
CACHE_DIR="${VETMEET_CACHE_DIR:-$HOME/.cache/vetmeet}/mediasoup-worker/$KEY"
CACHED="$CACHE_DIR/mediasoup-worker"

# Without MEDIASOUP_VERSION in its environment the worker exits with 41 at
# once; any other status (127: missing shared library, 126: wrong format,
# a signal) means it cannot run here.
runs() {
  local status=0
  [[ -x "$1" ]] || return 1
  env -i "$1" >/dev/null 2>&1 || status=$?
  [[ $status -eq 41 ]]
}

# Atomic copy: a half-written worker must never be seen under its final name.
install_bin() { # <src> <dest>
  local tmp
  mkdir -p "$(dirname "$2")"
  tmp="$(mktemp "$2.XXXXXX")"
  cp "$1" "$tmp"
  chmod 755 "$tmp"
  mv -f "$tmp" "$2"
}

place() { # <src> <origin>
  install_bin "$1" "$BIN"
  echo "$2" >"$STAMP"
  runs "$BIN" || die "installed worker does not run: $BIN"
}

# 1. Already in place.
if runs "$BIN"; then
  stamp="$(cat "$STAMP" 2>/dev/null || true)"
  case "$stamp" in
  "") log "using existing worker $VERSION (not placed by this script): $BIN"; exit 0 ;;
  "prebuilt $VERSION" | "built $KEY") log "using worker $VERSION ($stamp, in place)"; exit 0 ;;
  *) log "in-place worker is from another recipe ($stamp); replacing it" ;;
  esac
fi

# 2. mediasoup's prebuilt binary.
if [[ -z "${MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD:-}" ]]; then
  dl="$(mktemp -d)"
  if node "$RECIPE_DIR/fetch-prebuilt.mjs" "$PKG_DIR" "$dl/worker.tgz" 2>"$dl/err" &&
    tar -xzf "$dl/worker.tgz" -C "$dl" mediasoup-worker 2>>"$dl/err" &&
    runs "$dl/mediasoup-worker"; then
    place "$dl/mediasoup-worker" "prebuilt $VERSION"
    rm -rf "$dl"
    log "using worker $VERSION (prebuilt, downloaded)"
    exit 0
  fi
  why="$(head -n1 "$dl/err" 2>/dev/null || true)"
  log "${why:-the prebuilt worker does not run on this machine}"
  rm -rf "$dl"
fi

# 3. Built earlier by this recipe.
if runs "$CACHED"; then
  place "$CACHED" "built $KEY"
  log "using worker $VERSION (built, from cache $CACHED)"
  exit 0
fi

# 4. Build.
log "building worker $VERSION from source (3-5 min on 2 cores)"
started=$SECONDS

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing apt packages: ${missing[*]}"
  sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo)
  # Lock timeout: wait for another apt run instead of failing on dpkg's lock.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")"
# Keep the build folder (and its log) when something fails.
trap 'rc=$?; if ((rc)); then echo "[mediasoup-worker] build failed; sources and build.log kept in $WORK" >&2; else rm -rf "$WORK"; fi' EXIT

# Build from a copy: node_modules stays exactly what npm installed.
SRC="$WORK/worker"
mkdir -p "$SRC"
(cd "$PKG_DIR/worker" && tar -cf - --exclude=./out --exclude=./prebuild .) | tar -xf - -C "$SRC"

# The wraps would download sources from GitHub; our shims use Debian's libraries.
rm -rf "$SRC"/subprojects/*.wrap "$SRC/subprojects/packagefiles"
cp -R "$RECIPE_DIR/subprojects/." "$SRC/subprojects/"
node "$RECIPE_DIR/patch-worker.mjs" "$SRC"

build() {
  if [[ -n "${MEDIASOUP_BUILD_VERBOSE:-}" ]]; then
    "$@" 2>&1 | tee -a "$WORK/build.log"
  elif ! "$@" >>"$WORK/build.log" 2>&1; then
    tail -n 60 "$WORK/build.log" >&2
    return 1
  fi
}
# liburing off: Debian's liburing is too old for mediasoup.
build meson setup "$WORK/build" "$SRC" --buildtype=release -Db_ndebug=true \
  --wrap-mode=nodownload -Dms_disable_liburing=true
# Generated flatbuffers headers first: parallel compiles include them.
build meson compile -C "$WORK/build" flatbuffers-generator
build meson compile -C "$WORK/build" mediasoup-worker
strip "$WORK/build/mediasoup-worker"
runs "$WORK/build/mediasoup-worker" || die "freshly built worker does not run"

install_bin "$WORK/build/mediasoup-worker" "$CACHED"
place "$CACHED" "built $KEY"
log "using worker $VERSION (built from source in $((SECONDS - started)) s," \
  "$(du -k "$BIN" | cut -f1) KiB, cached at $CACHED)"
