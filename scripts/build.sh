#!/usr/bin/env bash
# Builds the API (dist/apps/api) and the web client (dist/web) when their sources changed
# since the last build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

stamp=dist/.build-stamp
inputs=(apps libs package-lock.json tsconfig.json nest-cli.json scripts/build.sh)
if [[ -f $stamp && -z $(find "${inputs[@]}" -newer "$stamp" -print -quit) ]]; then
  exit 0
fi

echo "[build] api"
nest build api
echo "[build] web"
vite build --config apps/web/vite.config.ts --logLevel warn
touch "$stamp"
