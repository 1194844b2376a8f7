#!/usr/bin/env bash
# `npm run bench:recording`: what recording costs per consultation (see bench/recording/main.ts);
# not part of `npm test`. Runs like bench:sfu, with its set-up, cores and priority (bench/sfu/run.sh):
# BENCH_RECORDING_STEPS=1,2 and BENCH_RECORDING_WINDOW_S=5 for a short run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BENCH_SFU_PROGRAM=bench/recording/main.ts exec bash bench/sfu/run.sh "$@"
