import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { STRONG_PASSWORD } from '../test/support/accounts';
import { launchBrowser, type TestBrowser } from '../test/support/browser';
import { createConsultationFor, type ConsultationFixture } from '../test/support/consultations';
import { startTestApp, type TestApp } from '../test/support/test-app';
import {
  changedLayerBeforeFirstKeyFrame,
  describeJoin,
  slowest,
  tailSummary,
  waitedForKeyFrameRetry,
  type JoinTimeline,
  type MediaEvent,
} from './join/join-phases';
import { MediaTrace } from './join/media-trace';
import { percentile } from './percentiles';

/**
 * From pressing "Join now" to the first frame of the other person's video, in two real
 * Chromium browsers (fake camera and microphone) against the real app over loopback.
 *
 * The owner is admitted and in the call with their camera first. Then the consultant joins
 * BENCH_JOINS times (25 by default): each time from the room's pre-call check with the
 * camera and microphone already on and the connection checked, so the figure is the
 * product's join (media transports, producing, consuming, the first keyframe), not the
 * browser's camera prompt; then leaves and presses "Join again". Then the owner does the
 * same, let straight in because their admission lasts while the room lives. 50 joins in
 * all by default: enough for a p95 and to see a tail of one join in twenty.
 *
 * Times are taken in the joining page (bench/join/page-probe.js clicks the button itself and
 * waits with requestVideoFrameCallback), so Playwright's own round trips are not counted.
 * The SFU's side (resume, layers, key frame requests and key frames, per simulcast stream)
 * is read through mediasoup's observer (bench/join/media-trace.ts); the slowest joins are
 * printed step by step.
 */
const JOINS = Number(process.env.BENCH_JOINS ?? 25);
const SLOWEST_SHOWN = 6;
jest.setTimeout(120_000 + JOINS * 2 * 20_000);

const STEP_TIMEOUT_MS = 20_000;
const SCREENSHOTS = 'test-results/screenshots';
const PROBE = join(__dirname, 'join', 'page-probe.js');
const CHECK = 'Check camera, microphone and connection';
const JOIN_NOW = 'Join now';

/** What bench/join/page-probe.js reports for one join (times in ms on the page's clock). */
interface RequestTrace {
  event: string;
  sentAt: number;
  ackAt: number | null;
  ok?: boolean;
  direction?: string;
  consumerId?: string;
  spatialLayer?: number;
  id?: string;
  producerId?: string;
  kind?: string;
  source?: string;
}
interface JoinTrace {
  clickedAt: number;
  presentedAt: number;
  receivedAt: number | null;
  width: number;
  height: number;
}
interface ConnectionTrace {
  at: number;
  receiving: boolean;
}
interface JoinProbe {
  timeOrigin(): number;
  ready(text: string): boolean;
  click(text: string): number;
  clickAndWaitForFrame(text: string, videoTestId: string, timeoutMs: number): Promise<JoinTrace>;
  requestsSince(at: number): RequestTrace[];
  connectionsSince(at: number): ConnectionTrace[];
}
type ProbeWindow = { __joinBench: JoinProbe; __vetmeetCall?: { phase: string; remoteProducerIds: string[]; videoFramesDecoded: number } };

/** One measured join: from the click, in ms. */
interface JoinSample {
  /** Pre-call, before the click: "Check camera, …" to the `room:join` acknowledgement. */
  precallJoinAck: number;
  recvTransport: number;
  videoConsumed: number;
  recvConnected: number;
  videoResumed: number;
  firstFrame: number;
  timeline: JoinTimeline;
}

const ms = (value: number) => `${Math.round(value)}`.padStart(5);

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/pets');
}

const buttonReady = (page: Page, text: string) =>
  page.waitForFunction((name) => (globalThis as unknown as ProbeWindow).__joinBench.ready(name), text, { timeout: STEP_TIMEOUT_MS });

/**
 * The pre-call check, done the way a person does it: press the first button, wait for the
 * camera and microphone to be on, the devices listed and the connection checked, and for the
 * `next` button. Returns the time from the press to the room's `room:join` acknowledgement.
 */
async function precall(page: Page, next: string): Promise<number> {
  await buttonReady(page, CHECK);
  const clickedAt = await page.evaluate((name) => (globalThis as unknown as ProbeWindow).__joinBench.click(name), CHECK);
  await buttonReady(page, next);
  await page.getByLabel('Camera', { exact: true }).waitFor();
  await page.getByTestId('preview-video').waitFor();
  await page.locator('[data-testid="check-relay"]:not([data-verdict="pending"])').waitFor();
  const requests = await page.evaluate((at) => (globalThis as unknown as ProbeWindow).__joinBench.requestsSince(at), clickedAt);
  const joined = requests.find((request) => request.event === 'room:join' && request.ok);
  if (!joined?.ackAt) throw new Error('the pre-call check went on without an acknowledged room:join');
  return joined.ackAt - clickedAt;
}

/** Presses "Join now" in the page and waits there for the other person's first video frame. */
const clickJoinAndWaitForFrame = (page: Page) =>
  page.evaluate(
    ([name, timeout]) => (globalThis as unknown as ProbeWindow).__joinBench.clickAndWaitForFrame(name, 'remote-camera-video', timeout),
    [JOIN_NOW, STEP_TIMEOUT_MS] as const,
  );

/** The join's stages, from the click. Read once the call settled: some acknowledgements and events reach the page after the first frame. */
async function sampleOf(page: Page, trace: JoinTrace, precallJoinAck: number, media: MediaTrace, label: string): Promise<JoinSample> {
  const [requests, connections, timeOrigin] = await page.evaluate((at) => {
    const probe = (globalThis as unknown as ProbeWindow).__joinBench;
    return [probe.requestsSince(at), probe.connectionsSince(at), probe.timeOrigin()] as const;
  }, trace.clickedAt);
  const since = (at: number | null | undefined) => (at === null || at === undefined ? Number.NaN : at - trace.clickedAt);
  const acked = (event: string, matches: (request: RequestTrace) => boolean) => requests.find((r) => r.event === event && r.ok && matches(r));
  const video = acked('media:consume', (r) => r.kind === 'video' && r.source === 'camera');
  const ofVideo = (event: string) => requests.filter((r) => r.event === event && r.consumerId === video?.id);
  const inPage: MediaEvent[] = [
    ...ofVideo('media:setPreferredLayers').map((r): MediaEvent => ({ at: timeOrigin + r.sentAt, type: 'preferred-layer', spatialLayer: r.spatialLayer })),
    ...ofVideo('media:resumeConsumer').map((r): MediaEvent => ({ at: timeOrigin + r.sentAt, type: 'resume-asked' })),
  ];
  const sfu = video?.id && video.producerId ? await media.eventsOf(video.id, video.producerId) : [];
  return {
    precallJoinAck,
    recvTransport: since(acked('media:createTransport', (r) => r.direction === 'recv')?.ackAt),
    videoConsumed: since(video?.ackAt),
    recvConnected: since(connections.find((c) => c.receiving)?.at),
    videoResumed: since(acked('media:resumeConsumer', (r) => r.consumerId === video?.id)?.ackAt),
    firstFrame: trace.presentedAt - trace.clickedAt,
    timeline: {
      label,
      clickedAt: timeOrigin + trace.clickedAt,
      presentedAt: timeOrigin + trace.presentedAt,
      events: [...sfu, ...inPage].sort((a, b) => a.at - b.at),
    },
  };
}

const readCall = (page: Page) => page.evaluate(() => (globalThis as unknown as ProbeWindow).__vetmeetCall);

/** The other side consumes the camera and microphone this join produced and decodes the video: the call is whole again. */
async function otherSideReceives(page: Page, before: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (known) => {
      const call = (globalThis as unknown as ProbeWindow).__vetmeetCall;
      const ids = call?.remoteProducerIds ?? [];
      return call?.phase === 'live' && ids.length === 2 && ids.every((id) => !known.includes(id)) && call.videoFramesDecoded > 0;
    },
    before,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** Leaves the call with the page's own button and comes back to the pre-call check with "Join again". */
async function leaveAndComeBack(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Leave', exact: true }).click();
  await page.getByTestId('call-ended').waitFor();
  await page.getByRole('button', { name: 'Join again', exact: true }).click();
  await buttonReady(page, CHECK);
}

async function measureJoins(who: string, joining: Page, other: Page, media: MediaTrace): Promise<JoinSample[]> {
  const samples: JoinSample[] = [];
  for (let n = 1; n <= JOINS; n += 1) {
    await leaveAndComeBack(joining);
    const precallJoinAck = await precall(joining, JOIN_NOW);
    const before = (await readCall(other))?.remoteProducerIds ?? [];
    const trace = await clickJoinAndWaitForFrame(joining);
    await otherSideReceives(other, before);
    const sample = await sampleOf(joining, trace, precallJoinAck, media, `${who} join ${n}`);
    media.forgetBefore(sample.timeline.clickedAt);
    samples.push(sample);
  }
  return samples;
}

function report(label: string, samples: readonly JoinSample[]): string {
  const stage = (name: string, pick: (sample: JoinSample) => number) => {
    const values = samples.map(pick).filter((value) => Number.isFinite(value));
    const seen = values.length < samples.length ? ` (${values.length} seen)` : '';
    return `    ${name.padEnd(44)} p50 ${ms(percentile(values, 50))} ms, p95 ${ms(percentile(values, 95))} ms${seen}`;
  };
  return [
    `${label}: ${tailSummary(samples.map((sample) => sample.firstFrame))}`,
    '  from the click to (as the page saw it):',
    stage('recv transport created (ack)', (s) => s.recvTransport),
    stage('camera consumed (media:consume ack)', (s) => s.videoConsumed),
    stage('recv transport connected (ICE+DTLS)', (s) => s.recvConnected),
    stage('camera resumed (media:resumeConsumer ack)', (s) => s.videoResumed),
    stage('first remote frame presented', (s) => s.firstFrame),
    stage('pre-call, before the click: room:join ack', (s) => s.precallJoinAck),
  ].join('\n');
}

describe('join → first remote frame (two Chromium browsers, loopback)', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  const media = new MediaTrace();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    media.install();
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', LOG_LEVEL: 'error' });
    fixture = await createConsultationFor(testApp);
    [ownerBrowser, vetBrowser] = await Promise.all([launchBrowser({ locale: 'en-GB' }), launchBrowser({ locale: 'en-GB' })]);
    await Promise.all([ownerBrowser.context.addInitScript({ path: PROBE }), vetBrowser.context.addInitScript({ path: PROBE })]);
    [owner, vet] = await Promise.all([ownerBrowser.context.newPage(), vetBrowser.context.newPage()]);
    owner.setDefaultTimeout(STEP_TIMEOUT_MS);
    vet.setDefaultTimeout(STEP_TIMEOUT_MS);
    await signIn(owner, testApp.baseUrl, fixture.owner.email);
    await signIn(vet, testApp.baseUrl, fixture.consultant.email);
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await vetBrowser?.close();
    await testApp?.close();
  });

  it(`measures ${JOINS} joins of the consultant, then ${JOINS} re-joins of the admitted owner`, async () => {
    const started = performance.now();
    const loadBefore = loadavg();
    const room = `${testApp.baseUrl}/consultations/${fixture.consultationId}/room`;

    // Once, unmeasured: the owner goes to the waiting room, the consultant joins and admits them.
    await owner.goto(room);
    await precall(owner, 'Go to the waiting room');
    await owner.evaluate((name) => (globalThis as unknown as ProbeWindow).__joinBench.click(name), 'Go to the waiting room');
    await vet.goto(room);
    await precall(vet, JOIN_NOW);
    await vet.evaluate((name) => (globalThis as unknown as ProbeWindow).__joinBench.click(name), JOIN_NOW);
    await vet.getByTestId('admit-banner').getByRole('button', { name: `Admit ${fixture.owner.displayName}` }).click();
    await Promise.all([otherSideReceives(owner, []), otherSideReceives(vet, [])]);

    const consultant = await measureJoins('consultant', vet, owner, media);
    const returningOwner = await measureJoins('owner', owner, vet, media);
    const all = [...consultant, ...returningOwner];
    await Promise.all([
      owner.screenshot({ path: `${SCREENSHOTS}/bench-join-owner.png`, fullPage: true }),
      vet.screenshot({ path: `${SCREENSHOTS}/bench-join-vet.png`, fullPage: true }),
    ]);

    const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
    console.log(
      [
        `join → first remote frame, ${JOINS} joins each, ${availableParallelism()} cores, load average ${load(loadBefore)} before, ${load(loadavg())} after, ` +
          `${((performance.now() - started) / 1000).toFixed(0)} s`,
        `all ${all.length} joins, click → first remote frame: ${tailSummary(all.map((sample) => sample.firstFrame))}; ` +
          `${all.filter((sample) => waitedForKeyFrameRetry(sample.timeline)).length} waited for mediasoup's second key frame request (1 s), ` +
          `${all.filter((sample) => changedLayerBeforeFirstKeyFrame(sample.timeline)).length} changed layer before their first key frame`,
        report('consultant joining (owner in the call)', consultant),
        report('owner re-joining, already admitted (consultant in the call)', returningOwner),
        `the ${SLOWEST_SHOWN} slowest joins (times from the click; L = simulcast layer of the sender's camera, lowest 0):`,
        ...slowest(all.map((sample) => sample.timeline), SLOWEST_SHOWN).map(describeJoin),
      ].join('\n'),
    );
    for (const samples of [consultant, returningOwner]) {
      expect(samples).toHaveLength(JOINS);
      for (const sample of samples) expect(sample.firstFrame).toBeGreaterThan(0);
    }
  });
});
