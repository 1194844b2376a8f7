/**
 * bench:recording's arithmetic and printout, pure so a unit test can check them. A step is
 * measured twice over the same window length: its consultations unrecorded, then recorded.
 * What recording costs is the worker's and the Node process's extra CPU over the unrecorded
 * window, plus all of the muxer processes' CPU.
 */

/** The goals: CPU per recorded consultation (% of one core) and encryption throughput (GB/s per core). */
export const CPU_GOAL_PERCENT = 2;
export const ENCRYPTION_GOAL_GB_PER_S = 1;

export interface WindowReading {
  seconds: number;
  /** % of one core over the window. */
  workerCpuPercent: number;
  /** This process: the SFU's Node side, and when recording, the pipes and encryption. */
  nodeCpuPercent: number;
  /** Of that, in the kernel (system time): pipes, writes and fdatasync, run on libuv's threads. */
  nodeSystemCpuPercent: number;
  /** All the recorders' muxer processes together (0 when nothing records). */
  muxerCpuPercent: number;
  storageBytesPerSecond: number;
  /** End-to-end loss of the live call's streams (the generator's receivers). */
  loss: number;
  /** Per core, busy time not ours (this machine is shared): core 0, core 1. */
  othersPercent: number[];
}

export interface StepRow {
  consultations: number;
  tracks: number;
  /** The longest the Node process's event loop was blocked while the step's recorders started (spawning ffmpeg). */
  startBlockMs: number;
  plain: WindowReading;
  recorded: WindowReading;
}

export interface RecordingCost {
  worker: number;
  muxers: number;
  node: number;
  total: number;
}

/** What recording added over the step's unrecorded window, in % of one core, for all its consultations. */
export function recordingCost(row: StepRow): RecordingCost {
  const worker = row.recorded.workerCpuPercent - row.plain.workerCpuPercent;
  const muxers = row.recorded.muxerCpuPercent;
  const node = row.recorded.nodeCpuPercent - row.plain.nodeCpuPercent;
  return { worker, muxers, node, total: worker + muxers + node };
}

function divide(cost: RecordingCost, by: number): RecordingCost {
  return { worker: cost.worker / by, muxers: cost.muxers / by, node: cost.node / by, total: cost.total / by };
}

export function perConsultation(row: StepRow): RecordingCost {
  return divide(recordingCost(row), row.consultations);
}

/**
 * Over all steps: the extra CPU summed, divided by the consultations summed, so larger steps
 * (where one consultation's share stands out less from the machine's noise) weigh more.
 */
export function overall(rows: StepRow[]): RecordingCost {
  const add = (a: RecordingCost, b: RecordingCost): RecordingCost => ({
    worker: a.worker + b.worker,
    muxers: a.muxers + b.muxers,
    node: a.node + b.node,
    total: a.total + b.total,
  });
  const sum = rows.map(recordingCost).reduce(add, { worker: 0, muxers: 0, node: 0, total: 0 });
  return divide(sum, rows.reduce((total, row) => total + row.consultations, 0));
}

export const TABLE_HEADER = [
  'consultations | tracks | worker CPU plain/rec | muxers CPU | Node CPU plain/rec | per consultation',
  'written kB/s | per consultation | loss plain/rec | others c0/c1',
].join(' | ');

const percent = (value: number, digits = 1) => `${value.toFixed(digits)}%`;

export function formatRow(row: StepRow): string {
  const each = perConsultation(row);
  const cells = [
    String(row.consultations).padStart(13),
    String(row.tracks).padStart(6),
    `${percent(row.plain.workerCpuPercent)}/${percent(row.recorded.workerCpuPercent)}`.padStart(20),
    percent(row.recorded.muxerCpuPercent).padStart(10),
    `${percent(row.plain.nodeCpuPercent)}/${percent(row.recorded.nodeCpuPercent)}`.padStart(18),
    percent(each.total, 2).padStart(16),
    (row.recorded.storageBytesPerSecond / 1e3).toFixed(0).padStart(12),
    (row.recorded.storageBytesPerSecond / 1e3 / row.consultations).toFixed(0).padStart(16),
    `${percent(100 * row.plain.loss, 2)}/${percent(100 * row.recorded.loss, 2)}`.padStart(14),
    row.recorded.othersPercent.map((busy) => `${Math.max(0, busy).toFixed(0)}%`).join('/').padStart(12),
  ];
  return cells.join(' | ');
}

/** Under a step's row: where this process's share went, and what starting the recorders cost it. */
export function formatDetail(row: StepRow): string {
  const { plain, recorded } = row;
  const system = `Node's system time ${percent(plain.nodeSystemCpuPercent)}/${percent(recorded.nodeSystemCpuPercent)}`;
  const block = `starting ${row.tracks} recorders blocked the event loop up to ${row.startBlockMs.toFixed(0)} ms`;
  return `${system} (plain/rec: pipes, writes, fdatasync); ${block}`;
}

export function formatCost(cost: RecordingCost): string {
  const parts = `worker ${percent(cost.worker, 2)} + muxers ${percent(cost.muxers, 2)} + Node ${percent(cost.node, 2)}`;
  const goal = `goal <= ${CPU_GOAL_PERCENT}%: ${cost.total <= CPU_GOAL_PERCENT ? 'met' : 'NOT met'}`;
  return `${percent(cost.total, 2)} of a core (${parts}); ${goal}`;
}

const NOISY = 'other processes kept a core over 10% busy in some window: the CPU figures are noisy; rerun when quiet';

/** The closing lines: CPU per recorded consultation over all steps, bytes written at the last step. */
export function summary(rows: StepRow[]): string[] {
  const last = rows[rows.length - 1];
  const kBps = last.recorded.storageBytesPerSecond / 1e3;
  const others = rows.flatMap((row) => [...row.plain.othersPercent, ...row.recorded.othersPercent]);
  const noisy = others.some((busy) => busy > 10);
  return [
    `CPU per recorded consultation (4 tracks): ${formatCost(overall(rows))}`,
    '(extra CPU of all steps over their unrecorded windows, divided by the consultations; % of one core)',
    `bytes written to storage: ${kBps.toFixed(0)} kB/s at ${last.consultations} consultations, ` +
      `${(kBps / last.consultations).toFixed(0)} kB/s each (ciphertext: the files under the store's folder)`,
    ...(noisy ? [NOISY] : []),
  ];
}

export function encryptionVerdict(gbPerCore: number, what: string): string {
  const met = gbPerCore >= ENCRYPTION_GOAL_GB_PER_S ? 'met' : 'NOT met';
  const goal = `goal >= ${ENCRYPTION_GOAL_GB_PER_S} GB/s: ${met}`;
  return `encryption per core: ${gbPerCore.toFixed(2)} GB/s (${what}); ${goal}`;
}
