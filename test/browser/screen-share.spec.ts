import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { framesShown, moreFramesShown, readCall, signIn, waitForCall, type CallTestView } from './support/call-page';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const MEDIA_TIMEOUT_MS = 30_000;
const LAB_RESULTS_TITLE = 'Lab results: Barsik';

/**
 * What the vet shares: a lab report in another tab of their browser, picked by its title
 * (launchBrowser's shareTabTitled). A tab is captured only when it repaints, so the report
 * carries a running clock: frames keep flowing and the test can count them on the other side.
 */
const LAB_RESULTS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${LAB_RESULTS_TITLE}</title>
<style>
  body { margin: 0; padding: 48px 64px; background: #fff; color: #1d2a26; font: 28px/1.4 sans-serif; }
  h1 { font-size: 56px; margin: 0 0 24px; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 2px solid #c9d6d1; padding: 12px 8px; text-align: left; }
  .high { color: #b3261e; font-weight: 700; }
</style></head>
<body>
  <h1>Blood panel: Barsik (cat)</h1>
  <table>
    <tr><th>Test</th><th>Result</th><th>Reference</th></tr>
    <tr><td>ALT</td><td class="high">142 U/L</td><td>12–130 U/L</td></tr>
    <tr><td>Creatinine</td><td>1.4 mg/dL</td><td>0.8–2.4 mg/dL</td></tr>
    <tr><td>Glucose</td><td>98 mg/dL</td><td>74–159 mg/dL</td></tr>
  </table>
  <p>Printed <span id="clock"></span></p>
  <script>setInterval(() => { document.getElementById('clock').textContent = new Date().toISOString(); }, 50);</script>
</body></html>`;

const hasScreen = (call: CallTestView) => call.remoteKinds.includes('screen:video');

/** The share of near-white pixels in the frame the <video> shows now: the report's paper, where the fake camera shows green. */
const lightShareOfFrame = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
    if (!video || video.videoWidth === 0) return 0;
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let light = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200) light += 1;
    return light / (data.length / 4);
  }, testId);

/**
 * The vet shows the owner a lab report by sharing a tab: a real getDisplayMedia capture in
 * headless Chromium (no picker: the tab is chosen by title), sent as a separate producer
 * (appData.source 'screen') and shown large on the owner's side, the camera small beside it.
 */
describe('a vet shares a screen with the owner during a consultation call', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  let labResults: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    fixture = await createConsultationFor(testApp, { petName: 'Barsik' });
    [ownerBrowser, vetBrowser] = await Promise.all([
      launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' }),
      launchBrowser({ timezoneId: 'Europe/Warsaw', locale: 'en-GB', shareTabTitled: LAB_RESULTS_TITLE }),
    ]);
    owner = await ownerBrowser.context.newPage();
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
    const [ownerCall, vetCall] = await Promise.all([waitForCall(owner, live, null, MEDIA_TIMEOUT_MS), waitForCall(vet, live, null, MEDIA_TIMEOUT_MS)]);
    expect(ownerCall.error).toBeUndefined();
    expect(vetCall.error).toBeUndefined();

    labResults = await vetBrowser.context.newPage();
    await labResults.setContent(LAB_RESULTS_PAGE);
    // The call is the vet's page in front; the report waits in the other tab.
    await vet.bringToFront();
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await vetBrowser?.close();
    await testApp?.close();
  });

  it('shows the shared tab large on the owner’s side, decoded, with the vet’s camera small beside it', async () => {
    const before = await readCall(owner);
    expect(before.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);

    await vet.getByRole('button', { name: 'Share screen' }).click();
    await vet.getByTestId('sharing-screen').waitFor();
    expect(await vet.getByRole('button', { name: 'Stop sharing' }).getAttribute('aria-pressed')).toBe('true');

    const sharing = await waitForCall(owner, hasScreen, null, MEDIA_TIMEOUT_MS);
    expect(sharing.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio', 'screen:video']);
    await moreFramesShown(owner, 'remote-screen-video', MEDIA_TIMEOUT_MS, 10);
    const size = await owner.getByTestId('remote-screen-video').evaluate((video: HTMLVideoElement) => ({ width: video.videoWidth, height: video.videoHeight }));
    expect(size.width).toBeGreaterThanOrEqual(640);
    expect(size.height).toBeGreaterThan(0);
    // The report itself arrives (white paper), not the camera sent under the screen's name.
    expect(await lightShareOfFrame(owner, 'remote-screen-video')).toBeGreaterThan(0.5);
    expect(await lightShareOfFrame(owner, 'remote-camera-video')).toBeLessThan(0.5);

    // The screen takes the stage; the vet's camera moves to a thumbnail and keeps playing.
    const stage = owner.getByTestId('call-stage');
    const screenTile = stage.getByTestId('remote-screen');
    const cameraTile = stage.locator('.call-thumbnails').getByTestId('remote-camera');
    expect(await screenTile.getAttribute('class')).toContain('call-tile-stage');
    expect(await cameraTile.getAttribute('class')).toContain('call-tile-thumbnail');
    expect(await screenTile.locator('figcaption').innerText()).toContain(`${fixture.consultant.displayName}'s screen`);
    const [screenBox, cameraBox] = await Promise.all([screenTile.boundingBox(), cameraTile.boundingBox()]);
    expect(screenBox!.width * screenBox!.height).toBeGreaterThan(4 * cameraBox!.width * cameraBox!.height);
    expect(await framesShown(owner, 'remote-camera-video')).toBeGreaterThan(0);
    await moreFramesShown(owner, 'remote-camera-video', MEDIA_TIMEOUT_MS, 10);

    await Promise.all([
      owner.screenshot({ path: `${SCREENSHOTS}/screen-share-owner.png`, fullPage: true }),
      vet.screenshot({ path: `${SCREENSHOTS}/screen-share-vet.png`, fullPage: true }),
    ]);
    await expectNoAxeViolations(owner, 'screen-share-owner');
    await expectNoAxeViolations(vet, 'screen-share-vet');
  });

  it('takes the screen off the owner’s view when the vet stops sharing, and the camera back onto the stage', async () => {
    const before = await readCall(owner);
    const screenProducer = before.remoteProducerIds[before.remoteKinds.indexOf('screen:video')];

    await vet.getByRole('button', { name: 'Stop sharing' }).click();
    await vet.getByTestId('sharing-screen').waitFor({ state: 'detached' });
    await vet.getByRole('button', { name: 'Share screen' }).waitFor();

    // media:producerClosed: the owner drops that one consumer; the camera and microphone stay as they were (no rebuild).
    const after = await waitForCall(owner, (call) => !call.remoteKinds.includes('screen:video'), null, MEDIA_TIMEOUT_MS);
    expect(after.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);
    expect(after.remoteProducerIds).not.toContain(screenProducer);
    expect(after.remoteProducerIds.sort()).toEqual(before.remoteProducerIds.filter((id) => id !== screenProducer).sort());
    await owner.getByTestId('remote-screen').waitFor({ state: 'detached' });
    const cameraTile = owner.getByTestId('call-stage').getByTestId('remote-camera');
    expect(await cameraTile.getAttribute('class')).toContain('call-tile-stage');
    await moreFramesShown(owner, 'remote-camera-video', MEDIA_TIMEOUT_MS, 10);
    await owner.screenshot({ path: `${SCREENSHOTS}/screen-share-stopped-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'screen-share-stopped-owner');
  });

  it('stops sharing by itself when the vet closes the shared tab', async () => {
    await vet.getByRole('button', { name: 'Share screen' }).click();
    await waitForCall(owner, hasScreen, null, MEDIA_TIMEOUT_MS);
    await moreFramesShown(owner, 'remote-screen-video', MEDIA_TIMEOUT_MS, 10);

    // The captured tab goes away: its track ends, as with the browser's own "Stop sharing".
    await labResults.close();
    await vet.getByTestId('sharing-screen').waitFor({ state: 'detached' });
    await vet.getByRole('button', { name: 'Share screen' }).waitFor();
    await waitForCall(owner, (call) => !call.remoteKinds.includes('screen:video'), null, MEDIA_TIMEOUT_MS);
    await owner.getByTestId('remote-screen').waitFor({ state: 'detached' });
    expect((await readCall(owner)).remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);
  });
});
