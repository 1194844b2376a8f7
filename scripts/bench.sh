#!/usr/bin/env bash
# Runs one jest-driven benchmark (bench/<name>.bench.ts) after the test bootstrap, so it
# works on a fresh machine: `npm run bench:signaling`, `npm run bench:join`, ...
# Benchmarks print their figures; they are not part of `npm test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name=${1:?usage: bench.sh <name>}
bash scripts/bootstrap.sh test
export PATH="$PWD/node_modules/.bin:$PATH"
exec node --expose-gc --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js -c bench/jest.config.cjs "bench/${name}.bench.ts"
