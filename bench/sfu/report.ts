/**
 * The ramp's decisions and printout, pure so a unit test can check them: when to stop, what
 * the result is, and CPU per consultation as the slope of worker CPU over consultations (the
 * idle worker's own small cost is the intercept, not part of any consultation).
 */

export const LOSS_LIMIT = 0.01;
/**
 * Above this share of its core the generator sends late and in bursts, and (running real-time)
 * nears the kernel's real-time limit (95% of each second), whose pauses overflow the SFU's
 * socket: its loss from there on is not the SFU's.
 */
export const GENERATOR_SATURATED_PERCENT = 85;
export const WORKER_SATURATED_PERCENT = 95;
/**
 * The machine keeping a core from us this long may alone cause a loss: at 8 consultations the
 * kernel's default UDP receive buffer (~80 full-size packets) holds ~25 ms of what the worker
 * receives, at 32 consultations ~6 ms.
 */
export const STALL_MS = 20;
/** A generator this late while the machine did not stall it has fallen behind by itself. */
export const GENERATOR_LAG_MS = 50;

export interface StepRow {
  consultations: number;
  seconds: number;
  mbpsIn: number;
  mbpsOut: number;
  /** End to end: what the receivers expected (sequence numbers) vs got. */
  loss: number;
  /** Of that, what never reached the SFU: its producers' own sequence-gap count. */
  ingressLoss: number;
  workerCpuPercent: number;
  generatorCpuPercent: number;
  benchCpuPercent: number;
  /** Per core, busy time not ours (other processes on this shared machine): core 0, core 1. */
  othersPercent: number[];
  /** Longest time the machine kept each core (0, 1) from us, as the stall probes saw it. */
  stallMs: number[];
  /** The latest a packet left the generator after its due time: its own falling behind. */
  generatorLagMs: number;
  workerSocketDrops: number;
  generatorSocketDrops: number;
  sendFailures: number;
  /** Packet accounting over the window, to tell where loss happened. */
  packets: { generatorSent: number; sfuReceived: number; sfuCountedLost: number; sfuSent: number; receiversExpected: number; receiversGot: number };
}

/**
 * The machine kept a core from us long enough to overflow a socket buffer: a loss seen then may
 * be the machine's, so the step is measured again. Not so for core 1 under a saturated
 * generator: real-time, it then meets the kernel's real-time limit, whose pauses the probe sees.
 */
export function disturbed(row: StepRow): boolean {
  return row.stallMs[0] >= STALL_MS || (row.stallMs[1] >= STALL_MS && !generatorSaturated(row));
}

export type StopReason = 'loss' | 'worker-saturated' | 'generator-saturated';

export function generatorSaturated(row: StepRow): boolean {
  const fellBehind = row.generatorLagMs >= GENERATOR_LAG_MS && row.stallMs[1] < STALL_MS;
  return row.generatorCpuPercent >= GENERATOR_SATURATED_PERCENT || fellBehind || row.sendFailures > 0;
}

/** The loss is the generator's rather than the SFU's: it was saturated, or its own sockets dropped more. */
function generatorsLoss(row: StepRow): boolean {
  return generatorSaturated(row) || row.generatorSocketDrops > row.workerSocketDrops;
}

/** Why the ramp stops after this step, if it does. Loss first: it is what the figure is about. */
export function stopReason(row: StepRow): StopReason | undefined {
  if (row.loss >= LOSS_LIMIT) return 'loss';
  if (row.workerCpuPercent >= WORKER_SATURATED_PERCENT) return 'worker-saturated';
  if (generatorSaturated(row)) return 'generator-saturated';
  return undefined;
}

export function leastSquares(points: [number, number][]): { slope: number; intercept: number } {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const slope = sxx > 0 ? sxy / sxx : meanY / meanX;
  return { slope, intercept: meanY - slope * meanX };
}

export interface Verdict {
  /** Most consultations of a step with loss under the limit (0 if even the first step failed). */
  maxConsultations: number;
  /** The figure is only a lower bound: the ramp ended for a reason other than the worker. */
  lowerBound: boolean;
  why: string;
  cpuPerConsultation: number;
  intercept: number;
}

export function verdict(rows: StepRow[], reason: StopReason | 'cap' | 'time' | 'setup-failed'): Verdict {
  const passing = rows.filter((row) => row.loss < LOSS_LIMIT);
  const maxConsultations = passing.length ? passing[passing.length - 1].consultations : 0;
  const last = rows[rows.length - 1];
  const fit = passing.length ? leastSquares(passing.map((row) => [row.consultations, row.workerCpuPercent])) : { slope: NaN, intercept: NaN };
  let lowerBound = true;
  let why: string;
  if (reason === 'loss') {
    lowerBound = generatorsLoss(last);
    why = lowerBound
      ? `loss reached ${pct(last.loss)} at ${last.consultations}, but on the generator's side: the SFU may carry more`
      : `loss reached ${pct(last.loss)} at ${last.consultations} consultations (${last.workerSocketDrops} datagrams dropped at the SFU's full socket)`;
    if (disturbed(last)) {
      why += `; the machine kept our cores from us (stalls ${last.stallMs.map((ms) => ms.toFixed(0)).join('/')} ms on cores 0/1), so part of it may be the machine's`;
    }
  } else if (reason === 'worker-saturated') {
    lowerBound = false;
    why = `the worker reached ${last.workerCpuPercent.toFixed(0)}% of its core at ${last.consultations} consultations`;
  } else if (reason === 'generator-saturated') {
    why = `the load generator saturated its core at ${last.consultations} consultations before the SFU lost 1%`;
  } else if (reason === 'cap') {
    why = `the ramp reached its cap of ${last.consultations} consultations`;
  } else if (reason === 'time') {
    why = 'the ramp ran out of its time budget';
  } else {
    why = 'a step could not set up all its consultations';
  }
  return { maxConsultations, lowerBound, why, cpuPerConsultation: fit.slope, intercept: fit.intercept };
}

const pct = (fraction: number, digits = 2) => `${(100 * fraction).toFixed(digits)}%`;

export const TABLE_HEADER =
  'consultations | Mbit/s in | Mbit/s out | loss    | (ingress) | worker CPU | generator CPU | bench CPU | others c0/c1 | stall c0/c1 | gen lag | drops sfu/gen';

export function formatRow(row: StepRow): string {
  const cells = [
    String(row.consultations).padStart(13),
    row.mbpsIn.toFixed(1).padStart(9),
    row.mbpsOut.toFixed(1).padStart(10),
    pct(row.loss, 3).padStart(7),
    pct(row.ingressLoss, 3).padStart(9),
    `${row.workerCpuPercent.toFixed(1)}%`.padStart(10),
    `${row.generatorCpuPercent.toFixed(1)}%`.padStart(13),
    `${row.benchCpuPercent.toFixed(1)}%`.padStart(9),
    row.othersPercent.map((busy) => `${Math.max(0, busy).toFixed(0)}%`).join('/').padStart(12),
    row.stallMs.map((ms) => ms.toFixed(0)).join('/').concat('ms').padStart(11),
    `${row.generatorLagMs.toFixed(0)}ms`.padStart(7),
    `${row.workerSocketDrops}/${row.generatorSocketDrops}`.padStart(13),
  ];
  return cells.join(' | ');
}

/** Where the packets went, for a step that lost any. */
export function formatPackets(row: StepRow): string {
  const p = row.packets;
  return `              packets: generator sent ${p.generatorSent}, SFU received ${p.sfuReceived} (its producers counted ${p.sfuCountedLost} lost), SFU sent ${p.sfuSent}, receivers expected ${p.receiversExpected}, got ${p.receiversGot}`;
}
