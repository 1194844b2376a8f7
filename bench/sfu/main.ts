import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { GeneratorLink, spawnOnCore } from './generator-link';
import { windowLoss } from './loss-counter';
import { AUDIO_KBPS, CLIP_SECONDS, VIDEO, ensureClipFiles, loadAudioClip, loadVideoClip } from './media-clip';
import { coreBusyPercent, coreTimes, processCpuMs, processScheduling, udpDrops } from './proc';
import { LOSS_LIMIT, TABLE_HEADER, disturbed, formatPackets, formatRow, stopReason, verdict, type StepRow, type StopReason } from './report';
import { addConsultation, allStreamsFlowing, startSfu } from './consultations';
import type { SfuUnderTest } from './sfu-side';

/**
 * SFU capacity: the most concurrent 1:1 consultations (each peer sends Opus + 720p VP8 and
 * receives the other's) that one mediasoup worker carries with under 1% loss, and its CPU per
 * consultation. The worker is pinned to core 0, the load generator to core 1; every packet
 * crosses real ICE + DTLS/SRTP on loopback. Consultations are added in steps; each step is held
 * until every stream flows, then measured over a fixed window. Run by `npm run bench:sfu`
 * (bench/sfu/run.sh), never by `npm test`.
 */

/** What-if: the WebRtcServer socket's buffer size in bytes (production: MEDIA_SOCKET_BUFFER_BYTES, 4 MiB by default). */
const SOCKET_BUFFER = Number(process.env.BENCH_SFU_SOCKET_BUFFER ?? 0) || undefined;
const SFU_CORE = 0;
/** Above the worker (20, see sfu-side.ts) and the generator (10, run.sh). */
const PROBE_PRIORITY = 30;
const GENERATOR_CORE = 1;
const CAP = Math.min(Number(process.env.BENCH_SFU_CAP ?? 64), 128);
const STEPS = [1, 2, 4, 6, 8, 12, 16, 20, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128].filter((step) => step <= CAP);
/** After every stream has delivered its first packet, let queues and estimates settle. */
const SETTLE_MS = 1_500;
const MEASURE_MS = 8_000;
/** A lossy step measured while the machine stalled one of our cores is measured up to this many more times. */
const REMEASURE = 2;
/** No new step starts after this; the watchdog ends a run that hangs anyway. */
const RAMP_BUDGET_MS = 270_000;
const WATCHDOG_MS = 330_000;

interface Sample {
  at: number;
  generator: Awaited<ReturnType<GeneratorLink['snapshot']>>;
  sfu: Awaited<ReturnType<SfuUnderTest['counters']>>;
  workerCpuMs: number;
  generatorCpuMs: number;
  benchCpu: NodeJS.CpuUsage;
  cores: number[][];
  workerDrops: number;
  generatorDrops: number;
}

const started = performance.now();
let sfu: SfuUnderTest | undefined;
let generator: GeneratorLink | undefined;
let stallProbes: StallProbe[] = [];

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const files = ensureClipFiles();
  const video = loadVideoClip(files.ivf);
  const audio = loadAudioClip(files.ogg);
  console.log(
    `[bench:sfu] clip: ${CLIP_SECONDS} s loop, VP8 ${VIDEO.width}x${VIDEO.height}@${VIDEO.fps} ${(video.bitsPerSecond / 1e6).toFixed(2)} Mbit/s ` +
      `(${(video.packets.length / CLIP_SECONDS).toFixed(0)} packets/s, key frame every ${VIDEO.keyFrameSeconds} s, no simulcast), ` +
      `Opus ${(audio.bitsPerSecond / 1e3).toFixed(0)} kbit/s (target ${AUDIO_KBPS}), ${(audio.packets.length / CLIP_SECONDS).toFixed(0)} packets/s`,
  );

  sfu = await startSfu(SFU_CORE, SOCKET_BUFFER);
  generator = await GeneratorLink.start(files, GENERATOR_CORE);
  stallProbes = await Promise.all([SFU_CORE, GENERATOR_CORE].map(startStallProbe));
  console.log(
    `[bench:sfu] mediasoup worker pid ${sfu.workerPid} on core ${SFU_CORE} (WebRtcServer 127.0.0.1:${sfu.port}); ` +
      `load generator pid ${generator.pid} on core ${GENERATOR_CORE}; bench process pid ${process.pid}; ` +
      `worker ${processScheduling(sfu.workerPid)}, generator ${processScheduling(generator.pid)}`,
  );
  console.log(
    SOCKET_BUFFER
      ? `[bench:sfu] WHAT-IF: the WebRtcServer socket's buffers set to ${SOCKET_BUFFER} bytes (instead of MEDIA_SOCKET_BUFFER_BYTES)`
      : `[bench:sfu] the WebRtcServer socket's buffers as production sets them (MEDIA_SOCKET_BUFFER_BYTES, default 4 MiB; BENCH_SFU_SOCKET_BUFFER=bytes to try others)`,
  );
  console.log(`[bench:sfu] steps: ${STEPS.join(', ')}; each measured over ${MEASURE_MS / 1000} s; stop at loss >= ${LOSS_LIMIT * 100}% or saturation\n`);
  console.log(TABLE_HEADER);

  const rows: StepRow[] = [];
  let open = 0;
  let reason: StopReason | 'cap' | 'time' | 'setup-failed' = 'cap';
  for (const target of STEPS) {
    if (performance.now() - started > RAMP_BUDGET_MS) {
      reason = 'time';
      break;
    }
    try {
      await Promise.all(Array.from({ length: target - open }, (_, index) => addConsultation(sfu!, generator!, open + index)));
      open = target;
      await allStreamsFlowing(generator!, target);
    } catch (error) {
      console.log(`[bench:sfu] setting up ${target} consultations failed: ${(error as Error).message}`);
      reason = 'setup-failed';
      break;
    }
    await sleep(SETTLE_MS);
    let row = await measure(target);
    for (let again = 0; again < REMEASURE && row.loss >= LOSS_LIMIT && disturbed(row); again += 1) {
      console.log(`${formatRow(row)}  <- the machine disturbed this window; measuring again`);
      if (row.loss > 0) console.log(formatPackets(row));
      row = await measure(target);
    }
    rows.push(row);
    console.log(formatRow(row));
    if (row.loss > 0) console.log(formatPackets(row));
    const stop = stopReason(row);
    if (stop) {
      reason = stop;
      break;
    }
  }

  const result = verdict(rows, reason);
  const last = rows[rows.length - 1];
  console.log('');
  console.log(`[bench:sfu] the ramp stopped: ${result.why}`);
  console.log(`max 1:1 consultations under 1% loss on one worker: ${result.maxConsultations}${result.lowerBound ? ' (a lower bound, see above)' : ''}`);
  console.log(`worker CPU per consultation: ${result.cpuPerConsultation.toFixed(2)}% of a core`);
  if (last) {
    console.log(
      `[bench:sfu] (slope of worker CPU over the steps under 1% loss; idle worker ${result.intercept.toFixed(1)}%; ` +
        `at ${last.consultations}: ${last.workerCpuPercent.toFixed(1)}% = ${(last.workerCpuPercent / last.consultations).toFixed(2)}% each` +
        (result.lowerBound && result.cpuPerConsultation > 0
          ? `; a worker at 100% would carry about ${Math.floor((100 - result.intercept) / result.cpuPerConsultation)} by that slope, extrapolated, not measured)`
          : ')'),
    );
  }
}

async function sample(): Promise<Sample> {
  const stats = await generator!.snapshot();
  return {
    at: performance.now(),
    generator: stats,
    sfu: await sfu!.counters(),
    workerCpuMs: await sfu!.workerCpuMs(),
    generatorCpuMs: processCpuMs(generator!.pid),
    benchCpu: process.cpuUsage(),
    cores: coreTimes(),
    workerDrops: udpDrops([sfu!.port]),
    generatorDrops: udpDrops(stats.localPorts),
  };
}

/**
 * One stall probe per core, above every process of ours (when the bench runs real-time): the
 * longest time the machine itself kept that core from us during a window.
 */
interface StallProbe {
  read(): Promise<number>;
  stop(): void;
}

async function startStallProbe(core: number): Promise<StallProbe> {
  const realTime = /^policy\s*:\s*(\d+)$/m.exec(readFileSync('/proc/self/sched', 'utf8'))?.[1] === '2';
  const child = spawnOnCore(core, 'stall-probe.ts', [], realTime ? PROBE_PRIORITY : undefined);
  const next = () =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the stall probe on core ${core} did not answer`)), 10_000);
      child.once('message', (message: { maxMs: number }) => {
        clearTimeout(timer);
        resolve(message.maxMs);
      });
    });
  await next();
  return {
    read: () => {
      const answer = next();
      child.send('read');
      return answer;
    },
    stop: () => child.kill(),
  };
}

async function measure(consultations: number): Promise<StepRow> {
  const start = await sample();
  await Promise.all(stallProbes.map((probe) => probe.read()));
  await sleep(MEASURE_MS);
  const stalls = await Promise.all(stallProbes.map((probe) => probe.read()));
  const end = await sample();
  const seconds = (end.at - start.at) / 1000;
  const percentOfCore = (ms: number) => ms / 10 / seconds;
  const totals = { expected: 0, received: 0 };
  for (const [key, counters] of Object.entries(end.generator.streams)) {
    const loss = windowLoss(start.generator.streams[key] ?? { expected: 0, received: 0 }, counters);
    totals.expected += loss.expected;
    totals.received += loss.received;
  }
  const generatorSent = end.generator.sentPackets - start.generator.sentPackets;
  const sfuReceived = end.sfu.producerPackets - start.sfu.producerPackets;
  const sfuCountedLost = end.sfu.producerLost - start.sfu.producerLost;
  const benchCpu = process.cpuUsage(start.benchCpu);
  const workerCpuPercent = percentOfCore(end.workerCpuMs - start.workerCpuMs);
  const generatorCpuPercent = percentOfCore(end.generatorCpuMs - start.generatorCpuMs);
  const benchCpuPercent = percentOfCore((benchCpu.user + benchCpu.system) / 1000);
  const busy = coreBusyPercent(start.cores, end.cores);
  return {
    consultations,
    seconds,
    mbpsIn: ((end.sfu.bytesIn - start.sfu.bytesIn) * 8) / seconds / 1e6,
    mbpsOut: ((end.sfu.bytesOut - start.sfu.bytesOut) * 8) / seconds / 1e6,
    loss: windowLoss({ expected: 0, received: 0 }, totals).fraction,
    ingressLoss: sfuReceived + sfuCountedLost > 0 ? Math.max(0, sfuCountedLost) / (sfuReceived + sfuCountedLost) : 0,
    workerCpuPercent,
    generatorCpuPercent,
    benchCpuPercent,
    othersPercent: [busy[SFU_CORE] - workerCpuPercent - benchCpuPercent, busy[GENERATOR_CORE] - generatorCpuPercent],
    stallMs: stalls,
    generatorLagMs: end.generator.maxLagMs,
    workerSocketDrops: end.workerDrops - start.workerDrops,
    generatorSocketDrops: end.generatorDrops - start.generatorDrops,
    sendFailures: end.generator.sendFailures - start.generator.sendFailures,
    packets: { generatorSent, sfuReceived, sfuCountedLost, sfuSent: end.sfu.consumerPackets - start.sfu.consumerPackets, receiversExpected: totals.expected, receiversGot: totals.received },
  };
}

let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    stallProbes.forEach((probe) => probe.stop());
    await generator?.stop().catch(() => undefined);
    await sfu?.close().catch(() => undefined);
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench:sfu] ${signal}: stopping`);
    void cleanUp().then(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  console.error(`[bench:sfu] still running after ${WATCHDOG_MS / 1000} s: stopping`);
  void cleanUp().then(() => process.exit(1));
}, WATCHDOG_MS);

main()
  .then(
    () => 0,
    (error: Error) => {
      console.error(`[bench:sfu] failed: ${error.stack ?? error.message}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanUp();
    clearTimeout(watchdog);
    console.log(`[bench:sfu] total ${((performance.now() - started) / 1000).toFixed(0)} s`);
    process.exit(code);
  });
