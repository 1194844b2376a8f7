import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { addConsultation, allStreamsFlowing, startSfu } from '../sfu/consultations';
import { GeneratorLink } from '../sfu/generator-link';
import { windowLoss } from '../sfu/loss-counter';
import { CLIP_SECONDS, VIDEO, ensureClipFiles, loadAudioClip, loadVideoClip } from '../sfu/media-clip';
import { childrenCpuMs, coreBusyPercent, coreTimes, processCpuMs } from '../sfu/proc';
import type { GeneratorStats } from '../sfu/protocol';
import type { SfuUnderTest } from '../sfu/sfu-side';
import { formatThroughput, measureEncryption, perCoreGBps } from './encryption-per-core';
import { createRecorderUnderTest } from './recorder-adapter';
import type { RecorderUnderTest, StoredTrack, TrackRecording } from './recorder-adapter';
import { ENCRYPTION_GOAL_GB_PER_S, TABLE_HEADER, encryptionVerdict, formatDetail, formatRow, summary } from './report';
import type { StepRow, WindowReading } from './report';
import { describeStoredTracks, directoryBytes } from './stored-tracks';

/**
 * Recording cost: concurrent 1:1 consultations as bench:sfu runs them (each peer sends Opus +
 * 720p VP8 over real ICE + DTLS/SRTP from the load generator on core 1, through one mediasoup
 * worker on core 0), each step measured unrecorded, then with all four producers of every
 * consultation recorded (recorder-adapter.ts says by which code). Reports the CPU recording
 * adds per consultation (worker + muxers + this process's pipes and encryption), the bytes
 * written to storage per second, and encryption throughput per core. Run by
 * `npm run bench:recording` (bench/recording/run.sh), never by `npm test`.
 */

const TAG = '[bench:recording]';
const SFU_CORE = 0;
const GENERATOR_CORE = 1;
const MAX_CONSULTATIONS = 16;
const MAX_STEPS = 6;
const STEPS = parseSteps(process.env.BENCH_RECORDING_STEPS ?? '1,2,4,8');
const MEASURE_MS = Math.min(Math.max(Number(process.env.BENCH_RECORDING_WINDOW_S ?? 10) || 10, 2), 60) * 1000;
const SETTLE_MS = 1_500;
/** ffmpeg writes its header once it has probed the track: video waits for a key frame (every 2 s in the clip). */
const RECORDING_START_TIMEOUT_MS = 20_000;
const ENCRYPTION_BYTES = 256 * 2 ** 20;
/** No new step starts after this; the watchdog ends a run that hangs anyway. */
const RAMP_BUDGET_MS = 300_000;
const WATCHDOG_MS = 420_000;

interface Sample {
  at: number;
  generator: GeneratorStats;
  workerCpuMs: number;
  generatorCpuMs: number;
  /** The recorders' ffmpeg processes (children of this one), by pid. */
  muxerCpuMs: Map<number, number>;
  nodeCpu: NodeJS.CpuUsage;
  cores: number[][];
  storageBytes: number;
}

const started = performance.now();
let sfu: SfuUnderTest | undefined;
let generator: GeneratorLink | undefined;
let recorder: RecorderUnderTest | undefined;
let recordings: TrackRecording[] = [];
let storageRoot: string | undefined;

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const files = ensureClipFiles();
  const video = loadVideoClip(files.ivf);
  const audio = loadAudioClip(files.ogg);
  const videoMbps = (video.bitsPerSecond / 1e6).toFixed(2);
  console.log(
    `${TAG} clip: ${CLIP_SECONDS} s loop, VP8 ${VIDEO.width}x${VIDEO.height}@${VIDEO.fps} ${videoMbps} Mbit/s, ` +
      `Opus ${(audio.bitsPerSecond / 1e3).toFixed(0)} kbit/s, each way in every consultation`,
  );
  const encryption = await encryptionFigures();

  storageRoot = mkdtempSync(join(tmpdir(), 'vetmeet-bench-recording-'));
  recorder = await createRecorderUnderTest(storageRoot);
  sfu = await startSfu(SFU_CORE);
  generator = await GeneratorLink.start(files, GENERATOR_CORE);
  const window = `${MEASURE_MS / 1000} s`;
  console.log(`\n${TAG} recorder measured: ${recorder.description}`);
  console.log(`${TAG} storage: local disk under ${storageRoot} (removed at the end)`);
  console.log(
    `${TAG} mediasoup worker pid ${sfu.workerPid} on core ${SFU_CORE} with this process (pid ${process.pid}) ` +
      `and the recorders' ffmpeg; load generator pid ${generator.pid} on core ${GENERATOR_CORE}`,
  );
  console.log(
    `${TAG} steps: ${STEPS.join(', ')} consultations; each measured over ${window} unrecorded, ` +
      `then over ${window} with all four tracks of every consultation recorded\n`,
  );
  console.log(TABLE_HEADER);

  const rows: StepRow[] = [];
  let open = 0;
  for (const target of STEPS) {
    if (performance.now() - started > RAMP_BUDGET_MS) {
      console.log(`${TAG} out of time: no further steps`);
      break;
    }
    const opening = Array.from({ length: target - open }, (_, index) => open + index);
    await Promise.all(opening.map((consultation) => addConsultation(sfu!, generator!, consultation)));
    open = target;
    await allStreamsFlowing(generator, target);
    await sleep(SETTLE_MS);
    const plain = await measure();
    const { reading, stored, startBlockMs } = await recordAll(target);
    const row: StepRow = { consultations: target, tracks: stored.length, startBlockMs, plain, recorded: reading };
    rows.push(row);
    console.log(formatRow(row));
    console.log(`              ${formatDetail(row)}`);
    console.log(`              ${await describeStoredTracks(recorder, stored)}`);
  }

  if (rows.length === 0) return;
  console.log('');
  const closing = [...summary(rows), encryption, `recorder measured: ${recorder.description}`];
  closing.forEach((line) => console.log(`${TAG} ${line}`));
}

/** Before the media starts: the recordings' encrypter and its references, in memory on core 0. */
async function encryptionFigures(): Promise<string> {
  const mebibytes = ENCRYPTION_BYTES / 2 ** 20;
  const goal = `goal >= ${ENCRYPTION_GOAL_GB_PER_S} GB/s`;
  console.log(`\n${TAG} encryption throughput per core, ${mebibytes} MiB in memory (${goal}):`);
  const coresBefore = coreTimes();
  const throughputs = await measureEncryption(ENCRYPTION_BYTES);
  const otherCore = coreBusyPercent(coresBefore, coreTimes())[GENERATOR_CORE];
  throughputs.forEach((result) => console.log(`  ${formatThroughput(result)}`));
  // On a virtual machine the other core may share a physical core (or its cache) with ours.
  console.log(
    `  (bytes per second of this process's CPU time, on core ${SFU_CORE}; ` +
      `meanwhile other work kept core ${GENERATOR_CORE} ${otherCore.toFixed(0)}% busy)`,
  );
  const recordings = throughputs[0].best;
  return encryptionVerdict(perCoreGBps(recordings), recordings.what);
}

interface RecordedStep {
  reading: WindowReading;
  stored: StoredTrack[];
  startBlockMs: number;
}

/** Records every producer of the first `consultations` consultations, measures a window, then stops them all. */
async function recordAll(consultations: number): Promise<RecordedStep> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  for (let consultation = 0; consultation < consultations; consultation += 1) {
    const { router, producers } = sfu!.media(consultation);
    recordings.push(...(await Promise.all(producers.map((producer) => recorder!.record(router, producer)))));
  }
  const firstBytes = Promise.all(recordings.map((recording) => recording.started));
  await withTimeout(firstBytes, RECORDING_START_TIMEOUT_MS, 'every recorder to write its first bytes');
  loop.disable();
  const startBlockMs = loop.max / 1e6;
  await sleep(SETTLE_MS);
  const reading = await measure();
  const stopping = recordings;
  recordings = [];
  return { reading, startBlockMs, stored: await Promise.all(stopping.map((recording) => recording.stop())) };
}

async function sample(): Promise<Sample> {
  return {
    at: performance.now(),
    generator: await generator!.snapshot(),
    workerCpuMs: await sfu!.workerCpuMs(),
    generatorCpuMs: processCpuMs(generator!.pid),
    muxerCpuMs: childrenCpuMs('ffmpeg'),
    nodeCpu: process.cpuUsage(),
    cores: coreTimes(),
    storageBytes: directoryBytes(storageRoot!),
  };
}

async function measure(): Promise<WindowReading> {
  const start = await sample();
  await sleep(MEASURE_MS);
  const end = await sample();
  const exited = [...start.muxerCpuMs.keys()].filter((pid) => !end.muxerCpuMs.has(pid));
  if (exited.length > 0) throw new Error(`${exited.length} recorder processes exited during the window`);
  const muxerMs = [...end.muxerCpuMs].reduce((sum, [pid, ms]) => sum + ms - (start.muxerCpuMs.get(pid) ?? 0), 0);
  const seconds = (end.at - start.at) / 1000;
  const percentOfCore = (ms: number) => ms / 10 / seconds;
  const totals = { expected: 0, received: 0 };
  for (const [key, counters] of Object.entries(end.generator.streams)) {
    const loss = windowLoss(start.generator.streams[key] ?? { expected: 0, received: 0 }, counters);
    totals.expected += loss.expected;
    totals.received += loss.received;
  }
  const node = process.cpuUsage(start.nodeCpu);
  const workerCpuPercent = percentOfCore(end.workerCpuMs - start.workerCpuMs);
  const nodeCpuPercent = percentOfCore((node.user + node.system) / 1000);
  const nodeSystemCpuPercent = percentOfCore(node.system / 1000);
  const muxerCpuPercent = percentOfCore(muxerMs);
  const generatorCpuPercent = percentOfCore(end.generatorCpuMs - start.generatorCpuMs);
  const busy = coreBusyPercent(start.cores, end.cores);
  return {
    seconds,
    workerCpuPercent,
    nodeCpuPercent,
    nodeSystemCpuPercent,
    muxerCpuPercent,
    storageBytesPerSecond: (end.storageBytes - start.storageBytes) / seconds,
    loss: windowLoss({ expected: 0, received: 0 }, totals).fraction,
    // The muxers share core 0 with the worker and this process (they inherit its affinity, see run.sh).
    othersPercent: [
      busy[SFU_CORE] - workerCpuPercent - nodeCpuPercent - muxerCpuPercent,
      busy[GENERATOR_CORE] - generatorCpuPercent,
    ],
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Bounded on purpose: a few increasing steps of at most MAX_CONSULTATIONS. */
function parseSteps(text: string): number[] {
  const steps = text.split(',').map((step) => Number(step.trim()));
  const inRange = steps.every((step) => Number.isInteger(step) && step >= 1 && step <= MAX_CONSULTATIONS);
  const increasing = steps.every((step, index) => index === 0 || step > steps[index - 1]);
  if (!inRange || !increasing || steps.length > MAX_STEPS) {
    const expected = `up to ${MAX_STEPS} increasing counts of consultations from 1 to ${MAX_CONSULTATIONS}`;
    throw new Error(`BENCH_RECORDING_STEPS: ${expected}, e.g. 1,2,4,8`);
  }
  return steps;
}

let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(recordings.map((recording) => recording.stop().catch(() => undefined)));
    await generator?.stop().catch(() => undefined);
    await sfu?.close().catch(() => undefined);
    await recorder?.close().catch(() => undefined);
    if (storageRoot) rmSync(storageRoot, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${TAG} ${signal}: stopping`);
    void cleanUp().then(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  console.error(`${TAG} still running after ${WATCHDOG_MS / 1000} s: stopping`);
  void cleanUp().then(() => process.exit(1));
}, WATCHDOG_MS);

main()
  .then(
    () => 0,
    (error: Error) => {
      console.error(`${TAG} failed: ${error.stack ?? error.message}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanUp();
    clearTimeout(watchdog);
    console.log(`${TAG} total ${((performance.now() - started) / 1000).toFixed(0)} s`);
    process.exit(code);
  });
