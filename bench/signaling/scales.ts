import { summarize } from '../percentiles';

/** The socket counts bench:signaling runs by default, each on a fresh app. */
export const DEFAULT_SCALES = [200, 1_000, 2_000];

/** Consultations that share one owner and one consultant (each consultation is two sockets of theirs). */
const CONSULTATIONS_PER_PAIR = 100;
/** Messages a burst sends in all, whatever the scale, so a burst stays bounded in time. */
const PING_BURST_MESSAGES = 5_000;
const CHAT_BURST_MESSAGES = 1_000;
/** Chat messages per second in the steady phase, the same at every scale: the cost of more sockets, not more writes. */
const CHAT_STEADY_PER_SECOND = 40;
/** The one-at-a-time phases take at most this many sockets, spread over all of them. */
const QUIET_SOCKETS = 400;

/**
 * How many sockets to run: BENCH_SOCKETS="200,1000" (even numbers, an owner and a
 * consultant per consultation), or the default scales.
 */
export function parseScales(value: string | undefined): number[] {
  if (value === undefined || value.trim() === '') return DEFAULT_SCALES;
  const scales = value.split(',').map((part) => Number(part.trim()));
  for (const scale of scales) {
    if (!Number.isInteger(scale) || scale < 2 || scale % 2 !== 0) throw new Error(`BENCH_SOCKETS: "${value}" is not a list of even socket counts`);
  }
  return scales;
}

/** What one scale does; every phase is bounded in messages or in time. */
export interface ScalePlan {
  sockets: number;
  consultations: number;
  /** Distinct owner/consultant pairs the consultations are spread over. */
  pairs: number;
  quietSockets: number;
  pingSteadyIntervalMs: number;
  steadyMs: number;
  pingBurstRounds: number;
  chatSteadyIntervalMs: number;
  /** Sockets that take part in the chat burst, and how many messages each sends. */
  chatBurstSockets: number;
  chatBurstRounds: number;
}

export function planFor(sockets: number): ScalePlan {
  const consultations = sockets / 2;
  const chatBurstSockets = Math.min(sockets, CHAT_BURST_MESSAGES);
  return {
    sockets,
    consultations,
    pairs: Math.ceil(consultations / CONSULTATIONS_PER_PAIR),
    quietSockets: Math.min(sockets, QUIET_SOCKETS),
    pingSteadyIntervalMs: 1_000,
    steadyMs: 10_000,
    pingBurstRounds: Math.max(1, Math.round(PING_BURST_MESSAGES / sockets)),
    chatSteadyIntervalMs: Math.round((sockets / CHAT_STEADY_PER_SECOND) * 1_000),
    chatBurstSockets,
    chatBurstRounds: Math.max(1, Math.round(CHAT_BURST_MESSAGES / chatBurstSockets)),
  };
}

/** Round trips of one phase, in ms, and the requests that got no acknowledgement in time or an error instead. */
export interface PhaseResult {
  samples: number[];
  timedOut: number;
  failed: number;
  /** Refusals by error code (SERVICE_UNAVAILABLE: the database gave up waiting for a lock). */
  failures: Record<string, number>;
}

/** What bench/signaling/load-clients.mjs writes to its report file. */
export interface LoadReport {
  ok: boolean;
  error?: string;
  /** Sockets still connected at the end, and sockets seated (joined, and the owner admitted). */
  connected: number;
  seated: number;
  /** Rooms that could not be seated, by reason. */
  seatingFailures: Record<string, number>;
  seatedMs: number;
  phases: Record<PhaseName, PhaseResult>;
}

export type PhaseName = 'pingQuiet' | 'pingSteady' | 'pingBurst' | 'chatQuiet' | 'chatSteady' | 'chatBurst';

const perSecond = (count: number, intervalMs: number) => `${Math.round((count / intervalMs) * 1_000)}/s`;

/** The lines a scale prints: one per phase, with what was lost. */
export function describeScale(plan: ScalePlan, report: LoadReport): string[] {
  const line = (label: string, phase: PhaseResult) => {
    const codes = Object.entries(phase.failures).map(([code, count]) => `${count} ${code}`);
    const lost = phase.timedOut + phase.failed > 0 ? `, ${phase.timedOut} timed out, ${phase.failed} refused${codes.length ? ` (${codes.join(', ')})` : ''}` : '';
    const figures = phase.samples.length > 0 ? summarize(phase.samples) : 'no acks';
    return `  ${label.padEnd(46)} ${figures} (${phase.samples.length} acks${lost})`;
  };
  const { phases } = report;
  const unseated = Object.entries(report.seatingFailures).map(([reason, count]) => `${count} rooms: ${reason}`);
  return [
    `${plan.sockets} sockets (${plan.consultations} consultations): ${report.seated} seated in ${(report.seatedMs / 1_000).toFixed(1)} s, ` +
      `${report.connected} still connected at the end${unseated.length ? `; not seated: ${unseated.join('; ')}` : ''}`,
    line(`room:ping, one socket at a time (${plan.quietSockets})`, phases.pingQuiet),
    line(`room:ping, steady ${perSecond(plan.sockets, plan.pingSteadyIntervalMs)} (1/s per socket)`, phases.pingSteady),
    line(`room:ping, burst (${plan.pingBurstRounds} from every socket)`, phases.pingBurst),
    line(`chat:send, one socket at a time (${plan.quietSockets})`, phases.chatQuiet),
    line(`chat:send, steady ${perSecond(plan.sockets, plan.chatSteadyIntervalMs)}`, phases.chatSteady),
    line(`chat:send, burst (${plan.chatBurstRounds} from ${plan.chatBurstSockets} sockets)`, phases.chatBurst),
  ];
}
