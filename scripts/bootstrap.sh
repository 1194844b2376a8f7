#!/usr/bin/env bash
# Makes a checkout ready to run (`start`) or to test (`test`), from a fresh Debian machine
# with only Node and npm: npm packages (Node 24 among them), the mediasoup worker, system
# packages, and the build. Every step checks first and does nothing when nothing changed,
# so `npm start` and `npm test` stay fast on the second run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:?usage: bootstrap.sh start|test}
source scripts/lib/apt.sh
source scripts/lib/coturn.sh
source scripts/lib/redis.sh

# npm adds every node_modules/.bin above us to PATH; installing must use the system's npm
# and Node, not a Node binary inside the node_modules that npm ci is about to replace.
system_path=$(tr ':' '\n' <<<"$PATH" | grep -v '/node_modules/\.bin$' | paste -sd: -)

install_npm_packages() {
  local wanted
  wanted=$(sha256sum package-lock.json | cut -c1-16)
  if [[ -x node_modules/.bin/node && "$(cat node_modules/.vetmeet-lock 2>/dev/null)" == "$wanted" ]]; then
    return 0
  fi
  echo "[bootstrap] installing npm packages (package-lock.json)"
  # Not `npm ci`: the registry these machines reach serves no macOS/Windows builds, so the
  # lock file cannot list other platforms' optional binaries (@swc/core-darwin-*, ...) and
  # npm ci refuses it as out of sync. `install --no-save` installs exactly the locked
  # versions and never rewrites the lock file.
  # MEDIASOUP_WORKER_BIN makes mediasoup's postinstall skip its worker download/build;
  # scripts/mediasoup/ensure-worker.sh provides the worker instead.
  PATH=$system_path MEDIASOUP_WORKER_BIN=skip npm install --no-save --no-audit --no-fund --loglevel=error
  echo "$wanted" >node_modules/.vetmeet-lock
}

install_npm_packages
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/mediasoup/ensure-worker.sh
# ffmpeg: consented recordings are muxed without re-encoding by an ffmpeg process per track
# (-c copy from the SFU's RTP into WebM), in the running platform as in its tests.
ensure_apt_packages ffmpeg
if [[ $mode == test ]]; then
  # Browser tests drive Debian's Chromium; Playwright never downloads a browser here.
  # coturn: TURN relay tests run Debian's turnserver on loopback.
  # redis-server: the shared rate-limit store's tests run their own Redis on loopback.
  ensure_apt_packages chromium fonts-liberation coturn redis-server
  keep_system_coturn_stopped
  keep_system_redis_stopped
fi
bash scripts/build.sh
