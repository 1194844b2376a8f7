#!/usr/bin/env bash
# `npm run bench:sfu`: SFU capacity on one mediasoup worker (see bench/sfu/main.ts); not part
# of `npm test`. Uses what the test bootstrap installs (node_modules with node-datachannel, the
# mediasoup worker), running it first on a machine that lacks them; adds ffmpeg (the clip is
# encoded once, then cached) and checks the two cores the bench pins.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/apt.sh

if [[ ! -x node_modules/.bin/node || ! -d node_modules/node-datachannel ]]; then
  bash scripts/bootstrap.sh test
fi
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/mediasoup/ensure-worker.sh >/dev/null
ensure_apt_packages ffmpeg util-linux
if (($(nproc) < 2)); then
  echo "[bench:sfu] needs 2 cores (worker on core 0, load generator on core 1); this machine has $(nproc)" >&2
  exit 1
fi

# The bench process (the SFU's Node side) shares core 0 with its worker, as the app's main
# process does; it is nearly idle once media flows, and the table shows its share.
#
# Real-time round-robin priority (inherited by the worker and the generator): on a machine
# shared with other work, a process at normal priority (even nice -10) waits up to ~100 ms
# for its core, and a worker that waits that long overflows its socket's buffer: that loss
# would be counted as the SFU's. A media server has its cores to itself; SCHED_RR stands in
# for that. The ramp ends at the first saturated step, and the kernel keeps 5% of each core
# for other processes anyway. BENCH_SFU_PRIORITY=normal measures without it; without the
# privilege the bench says so and runs at normal priority.
priority=()
if [[ ${BENCH_SFU_PRIORITY:-rt} == rt ]]; then
  if chrt -r 10 true 2>/dev/null; then
    priority=(chrt -r 10)
  else
    echo "[bench:sfu] cannot use real-time priority here (chrt -r): running at normal priority" >&2
  fi
fi
# bench/recording/run.sh runs its own program (BENCH_SFU_PROGRAM) the same way, on the same cores.
exec "${priority[@]}" taskset -c 0 node --enable-source-maps -r ./bench/sfu/register-ts.cjs "${BENCH_SFU_PROGRAM:-bench/sfu/main.ts}" "$@"
