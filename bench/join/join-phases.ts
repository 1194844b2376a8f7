import { percentile } from '../percentiles';

/**
 * One thing that happened to a join's camera consumer, at an epoch time in ms: on the SFU
 * (bench/join/media-trace.ts) or in the joining page (bench/join/page-probe.js).
 */
export interface MediaEvent {
  at: number;
  type:
    | 'resume-asked'
    | 'resume'
    | 'layers'
    | 'first-rtp-out'
    | 'keyframe-out'
    | 'pli-from-receiver'
    | 'fir-from-receiver'
    | 'keyframe-in'
    | 'pli-to-sender'
    | 'fir-to-sender'
    | 'preferred-layer';
  spatialLayer?: number;
  temporalLayer?: number;
  /** The sender's SSRC (producer side) and its simulcast RID (mediasoup-client names them r0, r1, r2, lowest first). */
  ssrc?: number;
  rid?: string;
}

/** One join: the click on "Join now" and the first frame presented, both epoch ms, and what happened to its camera consumer. */
export interface JoinTimeline {
  label: string;
  clickedAt: number;
  presentedAt: number;
  events: readonly MediaEvent[];
}

/** Where a join's time went, in ms; NaN where the step was not seen. */
export interface JoinPhases {
  total: number;
  clickToResume: number;
  resumeToFirstRtp: number;
  firstRtpToKeyFrame: number;
  keyFrameToFrame: number;
}

const firstAt = (events: readonly MediaEvent[], type: MediaEvent['type'], from: number) =>
  events.find((event) => event.type === type && event.at >= from)?.at ?? Number.NaN;

export function phasesOf({ clickedAt, presentedAt, events }: JoinTimeline): JoinPhases {
  const resumedAt = firstAt(events, 'resume-asked', clickedAt);
  const firstRtpAt = firstAt(events, 'first-rtp-out', clickedAt);
  const keyFrameAt = firstAt(events, 'keyframe-out', clickedAt);
  return {
    total: presentedAt - clickedAt,
    clickToResume: resumedAt - clickedAt,
    resumeToFirstRtp: firstRtpAt - resumedAt,
    firstRtpToKeyFrame: keyFrameAt - firstRtpAt,
    keyFrameToFrame: presentedAt - keyFrameAt,
  };
}

/** mediasoup asks a sender again for a key frame it asked for and did not get after this long (KeyFrameRequestManager). */
const KEY_FRAME_RETRY_MS = 1_000;

/**
 * Whether the join's first frame waited for mediasoup's second request of a key frame: the
 * same stream asked twice about a second apart, the second time before the first frame.
 */
export function waitedForKeyFrameRetry({ clickedAt, presentedAt, events }: JoinTimeline): boolean {
  const requests = events.filter((event) => event.type === 'pli-to-sender' || event.type === 'fir-to-sender');
  return requests.some(
    (first) =>
      first.at >= clickedAt &&
      requests.some((again) => again.ssrc === first.ssrc && again.at <= presentedAt && Math.abs(again.at - first.at - KEY_FRAME_RETRY_MS) < 150),
  );
}

/**
 * Whether the SFU asked the sender for key frames of more than one layer before it forwarded
 * the first one: the consumer's target layer changed while the join waited for its first
 * picture, the race that can let the key frame it needs go by.
 */
export function changedLayerBeforeFirstKeyFrame({ clickedAt, presentedAt, events }: JoinTimeline): boolean {
  const firstKeyFrameAt = events.find((event) => event.type === 'keyframe-out' && event.at >= clickedAt)?.at ?? presentedAt;
  const asked = events.filter((event) => event.type === 'pli-to-sender' && event.at >= clickedAt && event.at <= firstKeyFrameAt);
  return new Set(asked.map((event) => event.ssrc)).size > 1;
}

/** "p50 212 ms, p95 260 ms, p99 1151 ms, max 1151 ms": the summary of a latency sample. */
export function tailSummary(samples: readonly number[]): string {
  const at = (p: number) => `${Math.round(percentile(samples, p))} ms`;
  return `p50 ${at(50)}, p95 ${at(95)}, p99 ${at(99)}, max ${at(100)} (${samples.length} joins)`;
}

/** Events this long after the first frame are still shown: the server may log a step a little after the page drew it. */
const SETTLE_MS = 20;
/** Key frame requests this long before the click are shown too: a browser holds back one that follows another closely. */
const REQUESTS_BEFORE_MS = 1_000;
const isSenderSide = (event: MediaEvent) => event.type === 'pli-to-sender' || event.type === 'fir-to-sender' || event.type === 'keyframe-in';

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : '–');

/** The simulcast layer of a producer stream, from its RID, or "?" when the stream has none. */
const layerOf = (rid: string | undefined) => (rid && /^r\d+$/.test(rid) ? `L${rid.slice(1)}` : '?');

function describeEvent(event: MediaEvent): string {
  switch (event.type) {
    case 'resume-asked':
      return 'page asks resume';
    case 'resume':
      return 'consumer resumed';
    case 'layers':
      return event.spatialLayer === -1 ? 'layers: none' : `layers: now L${event.spatialLayer}/T${event.temporalLayer ?? '?'}`;
    case 'first-rtp-out':
      return 'first RTP forwarded';
    case 'keyframe-out':
      return 'key frame forwarded';
    case 'pli-from-receiver':
      return 'PLI from receiver';
    case 'fir-from-receiver':
      return 'FIR from receiver';
    case 'keyframe-in':
      return `key frame in ${layerOf(event.rid)}`;
    case 'pli-to-sender':
      return `PLI to sender ${layerOf(event.rid)}`;
    case 'fir-to-sender':
      return `FIR to sender ${layerOf(event.rid)}`;
    case 'preferred-layer':
      return `page asks L${event.spatialLayer}`;
  }
}

/**
 * A join's phases on one line, then what happened between the click and its first frame
 * (times from the click), for the slow joins a reader needs to see.
 */
export function describeJoin(timeline: JoinTimeline): string {
  const phases = phasesOf(timeline);
  const head =
    `  ${timeline.label}: ${ms(phases.total)} ms = click → resume ${ms(phases.clickToResume)}, ` +
    `→ first RTP ${ms(phases.resumeToFirstRtp)}, → first key frame ${ms(phases.firstRtpToKeyFrame)}, ` +
    `→ first frame ${ms(phases.keyFrameToFrame)}`;
  const during = timeline.events.filter(
    (event) =>
      event.at <= timeline.presentedAt + SETTLE_MS &&
      (event.at >= timeline.clickedAt || (isSenderSide(event) && event.at >= timeline.clickedAt - REQUESTS_BEFORE_MS)),
  );
  const steps: string[] = [];
  for (const event of during) {
    const since = event.at - timeline.clickedAt;
    const step = `${since < 0 ? '' : '+'}${ms(since)} ${describeEvent(event)}`;
    // A key frame is several packets: one step for them.
    if (steps.at(-1) !== step) steps.push(step);
  }
  return [head, `    ${[...steps, `+${ms(phases.total)} first frame presented`].join('; ')}`].join('\n');
}

/** The `count` slowest joins, slowest first. */
export function slowest(timelines: readonly JoinTimeline[], count: number): JoinTimeline[] {
  return [...timelines].sort((a, b) => b.presentedAt - b.clickedAt - (a.presentedAt - a.clickedAt)).slice(0, count);
}
