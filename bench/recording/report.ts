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
  const sum = rows.map(recordingCost).reduce((a, b) => ({ worker: a.worker + b.worker, muxers: a.muxers + b.muxers, node: a.node + b.node, total: a.total + b.total }), {
    worker: 0,
    muxers: 0,
    node: 0,
    total: 0,
  });
  return divide(sum, rows.reduce((total, row) => total + row.consultations, 0));
}

export const TABLE_HEADER =
  'consultations | tracks | worker CPU plain/rec | muxers CPU | Node CPU plain/rec | per consultation | written kB/s | per consultation | loss plain/rec | others c0/c1';

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

export function formatCost(cost: RecordingCost): string {
  return `${percent(cost.total, 2)} of a core (worker ${percent(cost.worker, 2)} + muxers ${percent(cost.muxers, 2)} + Node ${percent(cost.node, 2)}); goal <= ${CPU_GOAL_PERCENT}%: ${cost.total <= CPU_GOAL_PERCENT ? 'met' : 'NOT met'}`;
}
