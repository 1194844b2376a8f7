import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { asSchemaOwner, createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { clearWebm, joinClinic, recordConsent, recordConsultation, type RecordedFixture } from '../support/recordings';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';

describe('the recording player and support review, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser | undefined;
  let fixture: ConsultationFixture;
  let support: SignedIn;
  let admin: SignedIn;
  let recorded: RecordedFixture;

  /** Each person in a browser of their own (a persistent profile holds one session). */
  async function signedInPage(email: string, next: string): Promise<Page> {
    await browser?.close();
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    const page = await browser.context.newPage();
    await page.goto(`${testApp.baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${next}`);
    return page;
  }

  /** Each video's currentTime minus where it should be at the timeline's position (its offset taken off). */
  const videoTimes = (page: Page) =>
    page.$$eval('[data-testid="recording-video"]', (tiles) =>
      tiles.map((tile) => ({
        source: tile.getAttribute('data-source'),
        offsetMs: Number(tile.getAttribute('data-offset-ms')),
        currentTime: tile.querySelector('video')?.currentTime ?? -1,
      })),
    );
  const cameraTimes = async (page: Page) => (await videoTimes(page)).filter((video) => video.source === 'camera');
  const waitForMedia = (page: Page) =>
    page.waitForFunction(() => {
      const player = document.querySelector('[data-testid="recording-player"]');
      const media = [...(player?.querySelectorAll<HTMLMediaElement>('video, audio') ?? [])];
      return media.length > 0 && media.every((element) => element.readyState >= 2);
    });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    fixture = await createConsultationFor(testApp);
    support = await registerAndSignIn(testApp.baseUrl, { displayName: 'Ivan Support' });
    admin = await registerAndSignIn(testApp.baseUrl, { displayName: 'Iryna Admin' });
    await joinClinic(testApp.database.url, fixture.clinicId, support.session.account.id, 'support');
    await joinClinic(testApp.database.url, fixture.clinicId, admin.session.account.id, 'clinic_admin');
    recorded = await recordConsultation(testApp.app.get(RecordingWriter), testApp.app.get(ObjectStorage), {
      consultationId: fixture.consultationId,
      startedBy: fixture.consultant.userId,
      segments: [
        { userId: fixture.owner.userId, kind: 'video', body: clearWebm('video', 6), durationMs: 6000 },
        { userId: fixture.consultant.userId, kind: 'video', body: clearWebm('video', 6), durationMs: 6000 },
        { userId: fixture.owner.userId, kind: 'audio', body: clearWebm('audio', 6), durationMs: 6000 },
        { userId: fixture.consultant.userId, kind: 'video', source: 'screen', body: clearWebm('video', 2) },
      ],
    });
    // The screen share began two seconds into the call: before that its tile shows a gap.
    const lateStart = 'UPDATE recording_segments SET offset_ms = 2000, duration_ms = 2000 WHERE id = $1';
    await asSchemaOwner(testApp.database.url, (client) => client.query(lateStart, [recorded.segments[3].id]));
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('plays cameras, a screen share and sound in step, and seeks them with the slider and keys', async () => {
    const page = await signedInPage(fixture.owner.email, `/consultations/${fixture.consultationId}`);
    await page.getByTestId('consultation-recordings').getByRole('link', { name: /Watch the recording of/ }).click();
    await page.waitForURL(`**/recordings/${recorded.recordingId}`);
    await waitForMedia(page);
    expect(await page.getByTestId('recording-video').count()).toBe(3);
    const screenTile = page.getByTestId('recording-video').filter({ hasText: "Consultant's screen share" });
    await screenTile.getByText('Not recorded at this moment (gap)').waitFor();

    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(1500);
    const playing = await cameraTimes(page);
    for (const video of playing) expect(video.currentTime).toBeGreaterThan(0.5);
    const [first, second] = playing;
    // In step: their difference is the difference of their offsets, give or take the drift allowed.
    const offsetDifference = (second.offsetMs - first.offsetMs) / 1000;
    expect(Math.abs(first.currentTime - second.currentTime - offsetDifference)).toBeLessThan(0.35);
    await page.getByRole('button', { name: 'Pause' }).click();

    await page.getByLabel('Position').fill('3000');
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => !video.seeking));
    for (const video of await videoTimes(page)) expect(video.currentTime).toBeCloseTo(3 - video.offsetMs / 1000, 1);
    const audioTime = await page.$eval(
      '[data-testid="recording-audio"]',
      (sound) => (sound as HTMLMediaElement).currentTime,
    );
    expect(audioTime).toBeGreaterThan(2.8);

    await page.getByLabel('Position').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('Position').getAttribute('aria-valuetext')).toBe('0:03 of 0:06');
    for (const video of await videoTimes(page)) expect(video.currentTime).toBeCloseTo(3.2 - video.offsetMs / 1000, 1);
    await page.keyboard.press('Home');
    for (const video of await videoTimes(page)) expect(video.currentTime).toBeLessThan(0.1);

    await page.getByLabel('Position').fill('2500');
    const settled = () => [...document.querySelectorAll('video')].every((each) => !each.seeking && !each.hidden);
    await page.waitForFunction(settled);
    await page.screenshot({ path: `${SCREENSHOTS}/recording-player.png`, fullPage: true });
    await expectNoAxeViolations(page, 'recording-player');
  });

  it('lets support open a review with a reason, then play the recording', async () => {
    const { consultationId, owner } = fixture;
    const consent = { consultationId, userId: owner.userId, purpose: 'support_review' as const, granted: true };
    await recordConsent(testApp.database.url, consent);
    const page = await signedInPage(support.email, '/support/recordings');
    const entry = page.getByTestId('reviewable-recording');
    await entry.waitFor();
    await entry.getByRole('button', { name: /Open a review/ }).click();
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.getByTestId('error-summary').getByText(/Say in a sentence why you review this recording/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/support-open-review.png`, fullPage: true });
    await expectNoAxeViolations(page, 'support-open-review');
    await page.getByLabel('Reason for the review').fill('The owner reported a billing dispute about this call');
    await page.getByRole('button', { name: 'Open the review' }).click();
    await page.waitForURL(`**/recordings/${recorded.recordingId}?clinic=${fixture.clinicId}`);
    await waitForMedia(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(800);
    for (const video of await cameraTimes(page)) expect(video.currentTime).toBeGreaterThan(0.2);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.screenshot({ path: `${SCREENSHOTS}/support-review-player.png`, fullPage: true });
    await expectNoAxeViolations(page, 'support-review-player');

    await page.goto(`${testApp.baseUrl}/support/recordings`);
    await page.getByText(/Your review is open until/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/support-recordings.png`, fullPage: true });
    await expectNoAxeViolations(page, 'support-recordings');
  });

  it("shows the clinic admin the recordings' size and retention date, and no player", async () => {
    const page = await signedInPage(admin.email, `/clinics/${fixture.clinicId}`);
    const table = page.getByTestId('clinic-recordings').getByRole('table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.innerText()).toContain('Complete');
    expect(await page.locator('video, audio').count()).toBe(0);
    await page.getByTestId('clinic-recordings').screenshot({ path: `${SCREENSHOTS}/clinic-recordings.png` });
    await expectNoAxeViolations(page, 'clinic-recordings');
  });
});
