import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';

interface MediaCheckView {
  phase: string;
  serverDtlsStates: Record<string, string>;
  sendTransportId: string | null;
  recvTransportId: string | null;
  videoFramesDecoded: number;
  audioPacketsReceived: number;
  remoteVideoWidth: number;
  error?: { code: string; message: string };
}

const readCheck = (page: Page) => page.evaluate(() => (window as unknown as { __vetmeetMediaCheck?: MediaCheckView }).__vetmeetMediaCheck);

describe('media path through our SFU, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('shows the landing page with the service status', async () => {
    const page = await browser.context.newPage();
    await page.goto(testApp.baseUrl);
    await page.getByText('All systems are working.').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/landing.png` });
    await expectNoAxeViolations(page, 'landing');
    await page.close();
  });

  it('loops the fake camera back through mediasoup over DTLS/SRTP and decodes it', async () => {
    const page = await browser.context.newPage();
    // Count camera requests: none may happen before the person clicks.
    await page.addInitScript(() => {
      const counter = window as unknown as { __getUserMediaCalls: number };
      counter.__getUserMediaCalls = 0;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = (constraints) => {
        counter.__getUserMediaCalls += 1;
        return original(constraints);
      };
    });
    await page.goto(`${testApp.baseUrl}/dev/media-check`);
    const start = page.getByRole('button', { name: 'Start camera check' });
    await start.waitFor();
    expect(await page.evaluate(() => (window as unknown as { __getUserMediaCalls: number }).__getUserMediaCalls)).toBe(0);

    await start.click();
    await page.waitForFunction(
      () => {
        const check = (window as unknown as { __vetmeetMediaCheck?: MediaCheckView }).__vetmeetMediaCheck;
        return check?.phase === 'error' || (check?.phase === 'live' && check.videoFramesDecoded > 10 && check.audioPacketsReceived > 0);
      },
      undefined,
      { timeout: 30_000 },
    );
    const check = await readCheck(page);
    expect(check?.error).toBeUndefined();
    expect(check?.videoFramesDecoded).toBeGreaterThan(10);
    expect(check?.audioPacketsReceived).toBeGreaterThan(0);
    expect(check?.remoteVideoWidth).toBeGreaterThan(0);
    // The server's own word that both DTLS handshakes completed; a worker built without the
    // DTLS fix for Debian's OpenSSL crashes right here instead.
    expect(check?.serverDtlsStates).toEqual({ [check!.sendTransportId!]: 'connected', [check!.recvTransportId!]: 'connected' });
    expect(await page.evaluate(() => (window as unknown as { __getUserMediaCalls: number }).__getUserMediaCalls)).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/media-check-live.png` });
    await expectNoAxeViolations(page, 'media-check-live');

    await page.getByRole('button', { name: 'Stop' }).click();
    await page.waitForFunction(() => (window as unknown as { __vetmeetMediaCheck?: MediaCheckView }).__vetmeetMediaCheck?.phase === 'idle');
    await page.close();
  });
});
