import { appendFileSync, mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { ConsentsView, RecordingSegmentView, RecordingView } from '@vetmeet/contracts';
import { RecordingFinalizations } from '../../apps/api/src/recordings/pipeline/recording-finalizations';
import { expectNoAxeViolations } from '../support/accessibility';
import { captureLogs, type CapturedLogs } from '../support/log-capture';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { probeMedia, type ProbedMedia } from '../support/media-probe';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn, waitForCall, type CallTestView } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const SHARED_TAB_TITLE = 'X-ray: Barsik';
/** A tab is captured only when it repaints: a running clock keeps frames coming. */
const SHARED_TAB = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${SHARED_TAB_TITLE}</title></head>
<body style="font: 40px sans-serif"><h1>Chest X-ray</h1><p id="clock"></p>
<script>setInterval(() => { document.getElementById('clock').textContent = new Date().toISOString(); }, 50);</script>
</body></html>`;
const RECORDING_CONSENT = /^Record this consultation/;
const MEDIA_TIMEOUT_MS = 30_000;
/** How far a file's length may be from the time it was recorded. */
const DURATION_TOLERANCE_S = 0.5;
/** How far each media element may be from the player's position after a seek. */
const SEEK_TOLERANCE_S = 0.25;
/** How long after an unmute or a share's start its new segment may begin (a new recorder starts, machine loaded). */
const NEW_RECORDER_LAG_MS = 2_000;
/** Matroska's Cues element: what a player seeks by (a piped WebM has none until finalization rewrites it). */
const CUES_ID = Buffer.from([0x1c, 0x53, 0xbb, 0x6b]);

/** What the runs measured (offsets, durations, how soon a withdrawal was seen), for the report. */
const FIGURES = 'test-results/recording-end-to-end.txt';
const note = (line: string) => appendFileSync(FIGURES, `${new Date().toISOString()} ${line}\n`);
/**
 * When a click happened: once Playwright has dispatched it (its actionability checks alone took a
 * second on a loaded machine, so the moment before the call is no measure of when the app acted).
 */
const clickedAt = async (target: Locator) => {
  await target.click();
  return Date.now();
};
/** What the app logged about recording at warn or error (a recorder that died, a segment not finished), shortened. */
const problemsLogged = (logs: CapturedLogs) =>
  logs.lines
    .filter((line) => /^(warn|error|fatal) /.test(line) && /record|segment|journal/i.test(line))
    .map((line) => line.slice(0, 300));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeSegment = (segment: Pick<RecordingSegmentView, 'role' | 'source'>) => `${segment.role} ${segment.source}`;

/**
 * Issue 12's browser test through the real pipeline: consent given on the pre-call check and in
 * the call (the consent ledger), the room's capture, the encrypted journal, finalization into
 * seekable objects and their rows, playback through the media endpoint and the player page.
 * Nothing is faked but the browsers' camera and microphone.
 */
describe('a consultation recorded end to end, from consent to the player', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  let recorded: RecordingView;
  let logs: CapturedLogs;
  const moments = { shareStart: 0, shareEnd: 0, mute: 0, unmute: 0, stop: 0 };

  const apiJson = async <T>(page: Page, path: string): Promise<T> => {
    const response = await page.request.get(`${testApp.baseUrl}/api${path}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as T;
  };
  const recordingsOf = (consultationId: string) =>
    apiJson<RecordingView[]>(owner, `/consultations/${consultationId}/recordings`);

  /** Waits until every segment of the consultation's recordings has its final outcome, and their count. */
  async function finalizedRecordings(consultationId: string, count: number): Promise<RecordingView[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await testApp.app.get(RecordingFinalizations).idle();
      const recordings = await recordingsOf(consultationId);
      const settled = recordings.length === count && recordings.every((recording) =>
        recording.status === 'stopped' && recording.segments.every((segment) => segment.outcome !== 'recording'));
      if (settled) return recordings;
      if (Date.now() > deadline) throw new Error(`recordings not finalized: ${JSON.stringify(recordings)}`);
      await sleep(200);
    }
  }

  const mediaOf = async (recording: RecordingView, segment: RecordingSegmentView): Promise<Buffer> => {
    const url = `${testApp.baseUrl}/api/recordings/${recording.id}/segments/${segment.id}/media`;
    const response = await owner.request.get(url);
    expect(response.status()).toBe(200);
    return response.body();
  };

  /** Asks until the answer is the one expected (a status is written a moment after everyone is told). */
  async function waitForValue<T>(ask: () => Promise<T>, expected: T, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let answer = await ask();
    while (JSON.stringify(answer) !== JSON.stringify(expected) && Date.now() < deadline) {
      await sleep(100);
      answer = await ask();
    }
    expect(answer).toEqual(expected);
  }

  /** Milliseconds from the recording's start to a moment the test noted. */
  const onTimeline = (recording: RecordingView, at: number) => at - Date.parse(recording.startedAt);
  const stoppedOnTimeline = (recording: RecordingView) => onTimeline(recording, Date.parse(recording.stoppedAt!));

  async function consentOnPreCallCheck(page: Page): Promise<void> {
    const choices = page.getByTestId('consent-choices');
    await choices.getByRole('checkbox', { name: RECORDING_CONSENT }).check();
    await page.getByTestId('consent-status').getByText('Saved: you agreed to recording.', { exact: false }).waitFor();
  }

  async function joinBoth(consultationId: string, consents: { owner: boolean }): Promise<void> {
    const room = `${testApp.baseUrl}/consultations/${consultationId}/room`;
    await Promise.all([owner.goto(room), vet.goto(room)]);
    if (consents.owner) await consentOnPreCallCheck(owner);
    await consentOnPreCallCheck(vet);
    await owner.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await owner.getByRole('button', { name: 'Go to the waiting room' }).click();
    await vet.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await vet.getByRole('button', { name: 'Join now' }).click();
  }

  const admitOwner = async () => {
    const admit = vet.getByTestId('admit-banner').getByRole('button', { name: `Admit ${fixture.owner.displayName}` });
    await admit.click();
    const live = (call: CallTestView) =>
      call.phase === 'failed' ||
      (call.phase === 'live' && call.videoFramesDecoded > 10 && call.audioPacketsReceived > 0);
    const calls = await Promise.all([owner, vet].map((page) => waitForCall(page, live, null, MEDIA_TIMEOUT_MS)));
    for (const call of calls) expect(call.error).toBeUndefined();
  };

  const indicatorSays = (page: Page, text: string) =>
    page.getByTestId('recording-indicator').getByText(text, { exact: true }).waitFor();
  const noticeSays = (page: Page, text: string, timeout?: number) =>
    page.getByTestId('recording-notice').getByText(text).waitFor({ timeout });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    logs = captureLogs();
    testApp = await startTestApp();
    fixture = await createConsultationFor(testApp, { petName: 'Barsik' });
    [ownerBrowser, vetBrowser] = await Promise.all([
      launchBrowser({ locale: 'en-GB' }),
      launchBrowser({ locale: 'en-GB', shareTabTitled: SHARED_TAB_TITLE }),
    ]);
    owner = await ownerBrowser.context.newPage();
    vet = await vetBrowser.context.newPage();
    owner.setDefaultTimeout(20_000);
    vet.setDefaultTimeout(20_000);
    await Promise.all([
      signIn(owner, testApp.baseUrl, fixture.owner.email),
      signIn(vet, testApp.baseUrl, fixture.consultant.email),
    ]);
    await joinBoth(fixture.consultationId, { owner: true });
    await admitOwner();
    const sharedTab = await vetBrowser.context.newPage();
    await sharedTab.setContent(SHARED_TAB);
    await vet.bringToFront();
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await vetBrowser?.close();
    await testApp?.close();
    logs?.restore();
  });

  it('records cameras, microphones (a mute: two segments) and a screen share into files that play whole', async () => {
    await vet.getByRole('button', { name: 'Start recording' }).click();
    for (const page of [owner, vet]) {
      await indicatorSays(page, 'Recording');
      await noticeSays(page, 'Recording started: the vet is recording this call.');
    }
    await sleep(3_000);
    await vet.getByRole('button', { name: 'Share screen' }).click();
    await vet.getByTestId('sharing-screen').waitFor();
    moments.shareStart = Date.now();
    await sleep(2_000);
    moments.mute = await clickedAt(owner.getByRole('button', { name: 'Mute' }));
    await sleep(2_000);
    moments.unmute = await clickedAt(owner.getByRole('button', { name: 'Unmute' }));
    await sleep(2_000);
    moments.shareEnd = await clickedAt(vet.getByRole('button', { name: 'Stop sharing' }));
    await sleep(5_000);
    moments.stop = await clickedAt(vet.getByRole('button', { name: 'Stop recording' }));
    for (const page of [owner, vet]) {
      await noticeSays(page, 'Recording stopped by the vet.');
      await page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    }

    [recorded] = await finalizedRecordings(fixture.consultationId, 1);
    const { segments } = recorded;
    expect(segments.map(describeSegment).sort()).toEqual([
      'consultant camera',
      'consultant microphone',
      'consultant screen',
      'owner camera',
      'owner microphone',
      'owner microphone',
    ]);
    for (const { outcome, playable, ...segment } of segments) {
      const what = describeSegment(segment);
      expect({ what, outcome, playable }).toEqual({ what, outcome: 'completed', playable: true });
    }

    const probed = new Map<string, ProbedMedia>();
    for (const segment of segments) {
      const bytes = await mediaOf(recorded, segment);
      const media = await probeMedia(bytes);
      probed.set(segment.id, media);
      const what = describeSegment(segment);
      expect({ what, codec: media.codec, decodeErrors: media.decodeErrors, seekable: bytes.includes(CUES_ID) })
        .toEqual({ what, codec: segment.kind === 'video' ? 'vp8' : 'opus', decodeErrors: '', seekable: true });
      expect(media.framesDecoded).toBe(media.packets);
      // ffprobe reads a Duration from the container: the file was finalized, not left as piped.
      expect(media.containerDurationSeconds).not.toBeNull();
      const rowAndFileApartMs = Math.abs(media.containerDurationSeconds! * 1000 - segment.durationMs!);
      expect(rowAndFileApartMs).toBeLessThan(DURATION_TOLERANCE_S * 1000);
    }
    const stop = onTimeline(recorded, moments.stop);
    const lengthOf = (segment: RecordingSegmentView) => probed.get(segment.id)!.containerDurationSeconds! * 1000;
    const endOf = (segment: RecordingSegmentView) => segment.offsetMs + lengthOf(segment);
    const figures = segments.map((segment) =>
      `${describeSegment(segment)}: offset ${segment.offsetMs}, row ${segment.durationMs}, ` +
        `file ${lengthOf(segment)} ms`);
    const at = (moment: number) => onTimeline(recorded, moment);
    note(
      `Stop at ${stop} ms (stopped_at ${stoppedOnTimeline(recorded)} ms), share ${at(moments.shareStart)}–` +
        `${at(moments.shareEnd)} ms, mute ${at(moments.mute)}–${at(moments.unmute)} ms; ${figures.join('; ')}`,
    );
    const expectNear = (actualMs: number, expectedMs: number, what: string) => {
      const near = Math.abs(actualMs - expectedMs) < DURATION_TOLERANCE_S * 1000;
      expect({ what, near, actualMs, expectedMs, figures }).toMatchObject({ what, near: true });
    };

    for (const camera of segments.filter((segment) => segment.source === 'camera')) {
      expectNear(lengthOf(camera), stop - camera.offsetMs, `${describeSegment(camera)} from its offset to the Stop`);
    }
    const [beforeMute, afterMute] = segments
      .filter((segment) => segment.role === 'owner' && segment.source === 'microphone')
      .sort((a, b) => a.offsetMs - b.offsetMs);
    expectNear(endOf(beforeMute), onTimeline(recorded, moments.mute), "the owner's microphone up to the mute");
    // A new segment needs a new recorder (transport, ffmpeg, then the first packet or key frame): 0.2–1.2 s after
    // the unmute or the share here, on a loaded machine (what is said in it is not recorded); never anything before.
    const expectStartSoonAfter = (segment: RecordingSegmentView, moment: number, what: string) => {
      const lagMs = segment.offsetMs - onTimeline(recorded, moment);
      expect({ what, lagMs, soon: lagMs > -DURATION_TOLERANCE_S * 1000 && lagMs < NEW_RECORDER_LAG_MS })
        .toMatchObject({ what, soon: true });
    };
    expectStartSoonAfter(afterMute, moments.unmute, "the owner's microphone from the unmute");
    expectNear(endOf(afterMute), stop, "the owner's microphone from the unmute to the Stop");
    const screen = segments.find((segment) => segment.source === 'screen')!;
    expectStartSoonAfter(screen, moments.shareStart, 'the screen share from its start');
    expectNear(endOf(screen), onTimeline(recorded, moments.shareEnd), 'the screen share up to its end');
  });

  it('plays both cameras and the screen share on the player page, in step after a seek (slider and keys)', async () => {
    const player = await ownerBrowser.context.newPage();
    player.setDefaultTimeout(20_000);
    await player.goto(`${testApp.baseUrl}/recordings/${recorded.id}`);
    await player.waitForFunction(() => {
      const media = [...document.querySelectorAll<HTMLMediaElement>('[data-testid="recording-player"] video, audio')];
      return media.length > 0 && media.every((element) => element.readyState >= 2);
    });
    const tiles = player.getByTestId('recording-video');
    expect(await tiles.filter({ hasText: "Owner's camera" }).count()).toBe(1);
    expect(await tiles.filter({ hasText: "Consultant's camera" }).count()).toBe(1);
    expect(await tiles.filter({ hasText: "Consultant's screen share" }).count()).toBe(1);

    await player.getByRole('button', { name: 'Play' }).click();
    await player.waitForFunction(() => {
      const cameras = [...document.querySelectorAll<HTMLVideoElement>('[data-source="camera"] video')];
      return cameras.every((video) => video.currentTime > 1);
    });
    await player.getByRole('button', { name: 'Pause' }).click();

    const byId = new Map(recorded.segments.map((segment) => [segment.id, segment]));
    /** Every element whose segment covers the position is there, give or take SEEK_TOLERANCE_S. */
    const expectInStep = async (positionMs: number) => {
      await player.waitForFunction(() => [...document.querySelectorAll('video, audio')]
        .every((element) => !(element as HTMLMediaElement).seeking));
      const times = await player.$$eval('[data-segment-id]', (items) => items.map((item) => ({
        id: item.getAttribute('data-segment-id')!,
        currentTime: (item.matches('audio') ? (item as HTMLMediaElement) : item.querySelector('video'))?.currentTime,
      })));
      const covering = times.filter(({ id }) => {
        const segment = byId.get(id)!;
        return segment.offsetMs <= positionMs && positionMs < segment.offsetMs + segment.durationMs!;
      });
      const covered = covering.map(({ id }) => describeSegment(byId.get(id)!));
      expect(covered).toEqual(expect.arrayContaining(['owner camera', 'consultant camera', 'consultant screen']));
      for (const { id, currentTime } of covering) {
        const segment = byId.get(id)!;
        const expected = (positionMs - segment.offsetMs) / 1000;
        const what = describeSegment(segment);
        const near = currentTime !== undefined && Math.abs(currentTime - expected) <= SEEK_TOLERANCE_S;
        expect({ what, near, currentTime, expected }).toMatchObject({ what, near: true });
      }
    };
    const screen = recorded.segments.find((segment) => segment.source === 'screen')!;
    const intoTheShare = Math.round((screen.offsetMs + 1_000) / 100) * 100;
    await player.getByLabel('Position').fill(String(intoTheShare));
    await expectInStep(intoTheShare);
    await player.getByLabel('Position').focus();
    for (let step = 0; step < 5; step += 1) await player.keyboard.press('ArrowRight');
    await expectInStep(intoTheShare + 500);

    await player.getByRole('button', { name: 'Play' }).click();
    await sleep(1_000);
    await player.getByRole('button', { name: 'Pause' }).click();
    await player.screenshot({ path: `${SCREENSHOTS}/recording-end-to-end-player.png`, fullPage: true });
    await expectNoAxeViolations(player, 'recording-end-to-end-player');
    await player.close();
  });

  it('stops for both within a second when the owner withdraws in the call, and writes nothing after it', async () => {
    const start = vet.getByRole('button', { name: 'Start recording' });
    await start.click();
    for (const page of [owner, vet]) await indicatorSays(page, 'Recording');
    const consent = owner.getByTestId('call-consent');
    expect(await consent.getByTestId('call-consent-state').innerText()).toBe('Your consent to recording: given');
    await sleep(3_000);
    await owner.screenshot({ path: `${SCREENSHOTS}/recording-in-call-consent-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'recording-in-call-consent-owner');

    const saved = owner.waitForResponse((response) => response.url().endsWith('/consents/recording'));
    const clicked = await clickedAt(consent.getByRole('button', { name: 'Withdraw my consent' }));
    expect((await saved).status()).toBe(200);
    const answered = Date.now();
    // Within a second of the withdrawal's answer, both are told.
    await Promise.all([owner, vet].map((page) => noticeSays(page, 'Recording stopped: consent was withdrawn.', 1_000)));
    const seen = Date.now();
    const status = consent.getByTestId('call-consent-status');
    await status.getByText('Saved: you withdrew your consent.', { exact: false }).waitFor();
    expect(await consent.getByTestId('call-consent-state').innerText()).toBe('Your consent to recording: not given');
    await consent.getByRole('button', { name: 'Allow recording' }).waitFor();
    for (const page of [owner, vet]) await page.getByTestId('recording-indicator').waitFor({ state: 'detached' });

    // Start is disabled again, naming whose consent is missing.
    await vet.getByTestId('recording-blocked')
      .getByText("Recording needs everyone's consent: the pet owner has not consented to recording.").waitFor();
    expect(await start.isDisabled()).toBe(true);
    await owner.screenshot({ path: `${SCREENSHOTS}/recording-withdrawn-in-call-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'recording-withdrawn-in-call-owner');

    const recordings = await finalizedRecordings(fixture.consultationId, 2);
    const cut = recordings.find((recording) => recording.id !== recorded.id)!;
    const views = await apiJson<ConsentsView>(owner, `/consultations/${fixture.consultationId}/consents`);
    const withdrawal = onTimeline(cut, Date.parse(views.mine.recording.recordedAt!));
    note(`withdrawal seen by both ${seen - answered} ms after its answer (${seen - clicked} ms after the click); ` +
      `at ${withdrawal} ms; ${cut.segments.map((segment) => `${describeSegment(segment)} ${segment.outcome}` +
        ` ${segment.offsetMs}+${segment.durationMs} ms${segment.playable ? '' : ' (not playable)'}`).join('; ')}` +
      `; logged: ${problemsLogged(logs).join(' | ') || 'nothing'}`);
    // Every track live at the withdrawal is cut there (one whose recorder died earlier under load ends interrupted).
    expect(cut.segments.filter((segment) => segment.outcome === 'cut').length).toBeGreaterThanOrEqual(4);
    for (const segment of cut.segments) {
      expect({ what: describeSegment(segment), playable: segment.playable })
        .toEqual({ what: describeSegment(segment), playable: true });
      const media = await probeMedia(await mediaOf(cut, segment));
      const end = segment.offsetMs + Math.max(segment.durationMs ?? 0, (media.containerDurationSeconds ?? 0) * 1000);
      expect({ what: describeSegment(segment), end, withdrawal, after: end > withdrawal + 300 })
        .toMatchObject({ after: false });
    }
  });

  it('pauses when the owner comes in without consent, and resumes once they allow recording in the call', async () => {
    const fresh = await createConsultationFor(testApp, { between: fixture });
    const room = `${testApp.baseUrl}/consultations/${fresh.consultationId}/room`;
    await vet.goto(room);
    await consentOnPreCallCheck(vet);
    await vet.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await vet.getByRole('button', { name: 'Join now' }).click();
    await vet.getByRole('button', { name: 'Start recording' }).click();
    await indicatorSays(vet, 'Recording');

    await owner.goto(room);
    await owner.getByTestId('consent-choices').getByRole('checkbox', { name: RECORDING_CONSENT }).waitFor();
    await owner.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await owner.getByRole('button', { name: 'Go to the waiting room' }).click();
    await admitOwner();
    for (const page of [owner, vet]) {
      await indicatorSays(page, 'Recording paused');
      await noticeSays(page, 'Recording paused: someone joined without consenting to recording.');
    }
    const resume = vet.getByRole('button', { name: 'Resume recording' });
    expect(await resume.isDisabled()).toBe(true);
    // What is stored says so too, as soon as everyone is told.
    const statusOf = async () => (await recordingsOf(fresh.consultationId)).map((entry) => entry.status);
    await waitForValue(statusOf, ['paused']);
    await owner.screenshot({ path: `${SCREENSHOTS}/recording-paused-in-call-consent-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'recording-paused-in-call-consent-owner');

    // By keyboard: the button takes focus and Enter saves the answer.
    await owner.getByTestId('call-consent').getByRole('button', { name: 'Allow recording' }).focus();
    await owner.keyboard.press('Enter');
    await owner.getByTestId('call-consent-status').getByText('Saved: you allow recording.', { exact: false }).waitFor();
    // The vet's buttons ask for readiness every few seconds: Resume comes back by itself.
    await vet.waitForFunction(() => {
      const button = [...document.querySelectorAll('button')].find((each) => each.textContent === 'Resume recording');
      return button !== undefined && !button.disabled;
    }, null, { timeout: 15_000 });
    await resume.click();
    for (const page of [owner, vet]) {
      await indicatorSays(page, 'Recording');
      await noticeSays(page, 'Recording resumed.');
    }
    await waitForValue(statusOf, ['recording']);
    await vet.getByRole('button', { name: 'Stop recording' }).click();
    await noticeSays(owner, 'Recording stopped by the vet.');
  });
});
