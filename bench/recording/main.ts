import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { addConsultation, allStreamsFlowing, startSfu } from '../sfu/consultations';
import { GeneratorLink } from '../sfu/generator-link';
import { windowLoss } from '../sfu/loss-counter';
import { CLIP_SECONDS, VIDEO, ensureClipFiles, loadAudioClip, loadVideoClip } from '../sfu/media-clip';
import { childrenCpuMs, coreBusyPercent, coreTimes, processCpuMs } from '../sfu/proc';
import type { GeneratorStats } from '../sfu/protocol';
import type { SfuUnderTest } from '../sfu/sfu-side';
import { formatThroughput, measureEncryption, perCoreGBps } from './encryption-per-core';
import { createRecorderUnderTest, type RecorderUnderTest, type StoredTrack, type TrackRecording } from './recorder-adapter';
import { CPU_GOAL_PERCENT, ENCRYPTION_GOAL_GB_PER_S, TABLE_HEADER, formatCost, formatRow, overall, type StepRow, type WindowReading } from './report';
import { checkTrack, directoryBytes } from './stored-tracks';

/**
 * Recording cost: concurrent 1:1 consultations as bench:sfu runs them (each peer sends Opus +
 * 720p VP8 over real ICE + DTLS/SRTP from the load generator on core 1, through one mediasoup
 * worker on core 0), each step measured unrecorded, then with all four producers of every
 * consultation recorded (recorder-adapter.ts says by which code). Reports the CPU recording
 * adds per consultation (worker + muxers + this process's pipes and encryption), the bytes
 * written to storage per second, and encryption throughput per core. Run by
 * `npm run bench:recording` (bench/recording/run.sh), never by `npm test`.
 */

const SFU_CORE = 0;
const GENERATOR_CORE = 1;
const MAX_CONSULTATIONS = 16;
const STEPS = parseSteps(process.env.BENCH_RECORDING_STEPS ?? '1,2,4,8');
const MEASURE_MS = Math.min(Math.max(Number(process.env.BENCH_RECORDING_WINDOW_S ?? 10) || 10, 2), 60) * 1000;
const SETTLE_MS = 1_500;
/** ffmpeg writes its WebM header once it has probed the track: a video track waits for a key frame (every 2 s in the clip). */
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
  console.log(
    `[bench:recording] clip: ${CLIP_SECONDS} s loop, VP8 ${VIDEO.width}x${VIDEO.height}@${VIDEO.fps} ${(video.bitsPerSecond / 1e6).toFixed(2)} Mbit/s, ` +
      `Opus ${(audio.bitsPerSecond / 1e3).toFixed(0)} kbit/s, each way in every consultation`,
  );

  console.log(`\n[bench:recording] encryption throughput per core, ${ENCRYPTION_BYTES / 2 ** 20} MiB in memory (goal >= ${ENCRYPTION_GOAL_GB_PER_S} GB/s with AES-NI):`);
  const coresBefore = coreTimes();
  const throughputs = await measureEncryption(ENCRYPTION_BYTES);
  const otherCore = coreBusyPercent(coresBefore, coreTimes())[GENERATOR_CORE];
  throughputs.forEach((result) => console.log(`  ${formatThroughput(result)}`));
  // On a virtual machine the other core may share a physical core (or its cache) with ours.
  console.log(`  (bytes per second of this process's CPU time, on core ${SFU_CORE}; meanwhile other work kept core ${GENERATOR_CORE} ${otherCore.toFixed(0)}% busy)`);

  storageRoot = mkdtempSync(join(tmpdir(), 'vetmeet-bench-recording-'));
  recorder = await createRecorderUnderTest(storageRoot);
  sfu = await startSfu(SFU_CORE);
  generator = await GeneratorLink.start(files, GENERATOR_CORE);
  console.log(`\n[bench:recording] recorder measured: ${recorder.description}`);
  console.log(`[bench:recording] storage: local disk under ${storageRoot} (removed at the end)`);
  console.log(
    `[bench:recording] mediasoup worker pid ${sfu.workerPid} on core ${SFU_CORE} with this process (pid ${process.pid}) and the recorders' ffmpeg; ` +
      `load generator pid ${generator.pid} on core ${GENERATOR_CORE}`,
  );
  console.log(
    `[bench:recording] steps: ${STEPS.join(', ')} consultations; each measured over ${MEASURE_MS / 1000} s unrecorded, then over ${MEASURE_MS / 1000} s ` +
      `with all four tracks of every consultation recorded\n`,
  );
  console.log(TABLE_HEADER);

  const rows: StepRow[] = [];
  let open = 0;
  for (const target of STEPS) {
    if (performance.now() - started > RAMP_BUDGET_MS) {
      console.log('[bench:recording] out of time: no further steps');
      break;
    }
    await Promise.all(Array.from({ length: target - open }, (_, index) => addConsultation(sfu!, generator!, open + index)));
    open = target;
    await allStreamsFlowing(generator, target);
    await sleep(SETTLE_MS);
    const plain = await measure();
    const stored = await recordAll(target);
    const row: StepRow = { consultations: target, tracks: stored.tracks, plain, recorded: stored.reading };
    rows.push(row);
    console.log(formatRow(row));
    console.log(`              ${await verify(stored.stored)}`);
  }

  if (rows.length === 0) return;
  console.log('');
  console.log(`[bench:recording] CPU per recorded consultation (4 tracks): ${formatCost(overall(rows))}`);
  console.log(`[bench:recording] (extra CPU of all steps over their unrecorded windows, divided by the consultations; % of one core)`);
  const last = rows[rows.length - 1];
  console.log(
    `[bench:recording] bytes written to storage: ${(last.recorded.storageBytesPerSecond / 1e3).toFixed(0)} kB/s at ${last.consultations} consultations, ` +
      `${(last.recorded.storageBytesPerSecond / 1e3 / last.consultations).toFixed(0)} kB/s each (ciphertext: the files under the store's folder)`,
  );
  const recordings = throughputs[0].best;
  const perCore = perCoreGBps(recordings);
  console.log(
    `[bench:recording] encryption per core: ${perCore.toFixed(2)} GB/s (${recordings.what}); goal >= ${ENCRYPTION_GOAL_GB_PER_S} GB/s: ${perCore >= ENCRYPTION_GOAL_GB_PER_S ? 'met' : 'NOT met'}`,
  );
  console.log(`[bench:recording] recorder measured: ${recorder.description}`);
  const noisy = rows.some((row) => row.plain.othersPercent.concat(row.recorded.othersPercent).some((busy) => busy > 10));
  if (noisy) console.log(`[bench:recording] other processes kept a core over 10% busy in some window: CPU figures are noisy (goal ${CPU_GOAL_PERCENT}%), rerun on a quiet machine`);
}

/** Records every producer of the first `consultations` consultations, measures a window, then stops them all. */
async function recordAll(consultations: number): Promise<{ tracks: number; reading: WindowReading; stored: StoredTrack[] }> {
  for (let consultation = 0; consultation < consultations; consultation += 1) {
    const { router, producers } = sfu!.media(consultation);
    recordings.push(...(await Promise.all(producers.map((producer) => recorder!.record(router, producer)))));
  }
  await withTimeout(Promise.all(recordings.map((recording) => recording.started)), RECORDING_START_TIMEOUT_MS, 'every recorder to write its first bytes');
  await sleep(SETTLE_MS);
  const reading = await measure();
  const stopping = recordings;
  recordings = [];
  return { tracks: stopping.length, reading, stored: await Promise.all(stopping.map((recording) => recording.stop())) };
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
  const muxerCpuPercent = percentOfCore(muxerMs);
  const busy = coreBusyPercent(start.cores, end.cores);
  return {
    seconds,
    workerCpuPercent,
    nodeCpuPercent,
    muxerCpuPercent,
    storageBytesPerSecond: (end.storageBytes - start.storageBytes) / seconds,
    loss: windowLoss({ expected: 0, received: 0 }, totals).fraction,
    // The muxers share core 0 with the worker and this process (see run.sh).
    othersPercent: [busy[SFU_CORE] - workerCpuPercent - nodeCpuPercent - muxerCpuPercent, busy[GENERATOR_CORE] - percentOfCore(end.generatorCpuMs - start.generatorCpuMs)],
  };
}

/** Every stored track decrypts to WebM; the first consultation's four also probe and decode without error. */
async function verify(stored: StoredTrack[]): Promise<string> {
  const checks = await Promise.all(stored.map((track, index) => checkTrack(recorder!, track, index < 4)));
  const webm = checks.filter((check) => check.webm).length;
  const megabytes = checks.reduce((sum, check) => sum + check.plaintextBytes, 0) / 1e6;
  const probed = checks
    .slice(0, 4)
    .map((check, index) => `${stored[index].kind} ${check.codec ?? '?'}${check.decodeErrors ? ` (decode errors: ${check.decodeErrors.split('\n')[0]})` : ''}`)
    .join(', ');
  return `stored: ${stored.length} tracks, ${megabytes.toFixed(1)} MB decrypted by libs/crypto, ${webm} of them WebM; consultation 0 decoded in full: ${probed}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function parseSteps(text: string): number[] {
  const steps = text.split(',').map((step) => Number(step.trim()));
  if (steps.some((step) => !Number.isInteger(step) || step < 1 || step > MAX_CONSULTATIONS) || steps.length > 6 || steps.some((step, index) => index > 0 && step <= steps[index - 1])) {
    throw new Error(`BENCH_RECORDING_STEPS: up to 6 increasing counts of consultations from 1 to ${MAX_CONSULTATIONS}, e.g. 1,2,4,8`);
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
    console.error(`[bench:recording] ${signal}: stopping`);
    void cleanUp().then(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  console.error(`[bench:recording] still running after ${WATCHDOG_MS / 1000} s: stopping`);
  void cleanUp().then(() => process.exit(1));
}, WATCHDOG_MS);

main()
  .then(
    () => 0,
    (error: Error) => {
      console.error(`[bench:recording] failed: ${error.stack ?? error.message}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanUp();
    clearTimeout(watchdog);
    console.log(`[bench:recording] total ${((performance.now() - started) / 1000).toFixed(0)} s`);
    process.exit(code);
  });
