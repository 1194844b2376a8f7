import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { RecordingPorts } from '../../apps/api/src/recordings/capture/recording-ports';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { probeMedia } from '../support/media-probe';
import { FakeConsent, MemoryRecordingSinks } from '../support/memory-recording-sink';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn, waitForCall, type CallTestView } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const SHARED_TAB_TITLE = 'X-ray: Barsik';
/** A tab is captured only when it repaints: a running clock keeps frames coming. */
const SHARED_TAB = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${SHARED_TAB_TITLE}</title></head>
<body style="font: 40px sans-serif"><h1>Chest X-ray</h1><p id="clock"></p>
<script>setInterval(() => { document.getElementById('clock').textContent = new Date().toISOString(); }, 50);</script></body></html>`;
const MEDIA_TIMEOUT_MS = 30_000;

/**
 * The consultant records a call: Start waits for everyone's consent (the consent ledger is
 * faked here through RecordingPorts; the recording itself is real, from both browsers'
 * cameras and microphones through the SFU into an in-memory sink), both people see the
 * indicator and hear the notice, and a withdrawal stops it for both at once.
 */
describe('recording a consultation call', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  const consent = new FakeConsent();
  const sinks = new MemoryRecordingSinks();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    testApp.app.get(RecordingPorts).use({ consent, sinks });
    fixture = await createConsultationFor(testApp, { petName: 'Barsik' });
    consent.consented.add(fixture.consultant.userId);
    [ownerBrowser, vetBrowser] = await Promise.all([
      launchBrowser({ locale: 'en-GB' }),
      launchBrowser({ locale: 'en-GB', shareTabTitled: SHARED_TAB_TITLE }),
    ]);
    owner = await ownerBrowser.context.newPage();
    await owner.addInitScript(keepPeerConnections);
    vet = await vetBrowser.context.newPage();
    owner.setDefaultTimeout(20_000);
    vet.setDefaultTimeout(20_000);
    await Promise.all([signIn(owner, testApp.baseUrl, fixture.owner.email), signIn(vet, testApp.baseUrl, fixture.consultant.email)]);

    const room = `${testApp.baseUrl}/consultations/${fixture.consultationId}/room`;
    await owner.goto(room);
    await owner.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await owner.getByRole('button', { name: 'Go to the waiting room' }).click();
    await vet.goto(room);
    await vet.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await vet.getByRole('button', { name: 'Join now' }).click();
    await vet.getByTestId('admit-banner').getByRole('button', { name: `Admit ${fixture.owner.displayName}` }).click();
    const live = (call: CallTestView) => call.phase === 'failed' || (call.phase === 'live' && call.videoFramesDecoded > 10 && call.audioPacketsReceived > 0);
    await Promise.all([waitForCall(owner, live, null, MEDIA_TIMEOUT_MS), waitForCall(vet, live, null, MEDIA_TIMEOUT_MS)]);
    const sharedTab = await vetBrowser.context.newPage();
    await sharedTab.setContent(SHARED_TAB);
    await vet.bringToFront();
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await vetBrowser?.close();
    await testApp?.close();
  });

  it('keeps Start disabled, saying whose consent is missing, until everyone consented; the owner has no buttons', async () => {
    const start = vet.getByRole('button', { name: 'Start recording' });
    await vet.getByTestId('recording-blocked').waitFor();
    expect(await vet.getByTestId('recording-blocked').innerText()).toBe("Recording needs everyone's consent: the pet owner has not consented to recording.");
    expect(await start.isDisabled()).toBe(true);
    expect(await owner.getByRole('button', { name: 'Start recording' }).count()).toBe(0);
    expect(await owner.getByTestId('recording-indicator').count()).toBe(0);
    await vet.screenshot({ path: `${SCREENSHOTS}/recording-blocked-vet.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'recording-blocked-vet');

    consent.consented.add(fixture.owner.userId);
    await vet.getByTestId('recording-blocked').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await start.isEnabled()).toBe(true);
  });

  it('records both people once started (a mute and a screen share as segments): both see the indicator and the notice, until the vet stops it', async () => {
    await vet.getByRole('button', { name: 'Start recording' }).click();
    for (const page of [owner, vet]) {
      await page.getByTestId('recording-indicator').getByText('Recording').waitFor();
      await page.getByTestId('recording-notice').getByText('Recording started: the vet is recording this call.').waitFor();
    }
    await vet.getByRole('button', { name: 'Stop recording' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await owner.getByRole('button', { name: 'Mute' }).click();
    await vet.getByRole('button', { name: 'Share screen' }).click();
    await vet.getByTestId('sharing-screen').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await owner.getByRole('button', { name: 'Unmute' }).click();
    const sentWidth = await widestCameraLayerSent(owner);
    await vet.getByRole('button', { name: 'Stop sharing' }).click();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await Promise.all([
      owner.screenshot({ path: `${SCREENSHOTS}/recording-owner.png`, fullPage: true }),
      vet.screenshot({ path: `${SCREENSHOTS}/recording-vet.png`, fullPage: true }),
    ]);
    await expectNoAxeViolations(owner, 'recording-owner');
    await expectNoAxeViolations(vet, 'recording-vet');

    await vet.getByRole('button', { name: 'Stop recording' }).click();
    for (const page of [owner, vet]) {
      await page.getByTestId('recording-notice').getByText('Recording stopped by the vet.').waitFor();
      await page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    }
    const [recording] = sinks.recordings;
    expect(recording.outcome).toBe('completed');
    const ownerId = fixture.owner.userId;
    const kinds = recording.segments.map((segment) => `${segment.meta.userId === ownerId ? 'owner' : 'vet'} ${segment.meta.source}:${segment.outcome}`);
    expect(kinds.sort()).toEqual([
      'owner camera:completed',
      'owner microphone:completed',
      'owner microphone:completed',
      'vet camera:completed',
      'vet microphone:completed',
      'vet screen:completed',
    ]);
    const camera = recording.segments.find((segment) => segment.meta.source === 'camera' && segment.meta.userId === ownerId)!;
    const probed = await probeMedia(camera.bytes);
    expect(probed).toMatchObject({ codec: 'vp8', decodeErrors: '', framesDecoded: probed.packets });
    expect(probed.durationSeconds).toBeGreaterThan(8);
    // The best simulcast layer the browser sends (its bandwidth estimate starts below the top layer's rate, and a
    // loaded machine makes it drop that layer): the vet's tile gets 640 pixels, the recording the widest sent.
    expect(sentWidth).toBeGreaterThanOrEqual(640);
    expect(probed.maxWidth).toBeGreaterThanOrEqual(sentWidth);
    const screen = recording.segments.find((segment) => segment.meta.source === 'screen')!;
    expect(await probeMedia(screen.bytes)).toMatchObject({ decodeErrors: '' });
  });

  it('stops for both at once when someone withdraws their consent', async () => {
    await vet.getByRole('button', { name: 'Start recording' }).click();
    await owner.getByTestId('recording-indicator').waitFor();
    testApp.app.get(RecordingPorts).withdrawn(fixture.consultationId, fixture.owner.userId);
    for (const page of [owner, vet]) {
      await page.getByTestId('recording-notice').getByText('Recording stopped: consent was withdrawn.').waitFor({ timeout: 2_000 });
      await page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    }
    expect(sinks.recordings[1].outcome).toBe('cut');
    await owner.screenshot({ path: `${SCREENSHOTS}/recording-withdrawn-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'recording-withdrawn-owner');
  });
});

/** Runs in the page before the app: keeps every RTCPeerConnection it makes, for widestCameraLayerSent(). */
function keepPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const kept: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = kept;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      kept.push(this);
    }
  };
}

/** The widest video layer the page sends now (outbound-rtp frameWidth over every simulcast layer). */
async function widestCameraLayerSent(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    let widest = 0;
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((report: { type: string; kind?: string; frameWidth?: number }) => {
        if (report.type === 'outbound-rtp' && report.kind === 'video') widest = Math.max(widest, report.frameWidth ?? 0);
      });
    }
    return widest;
  });
}
