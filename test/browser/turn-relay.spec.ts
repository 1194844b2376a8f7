import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startCoturn, type Coturn } from '../support/coturn';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const TURN_SECRET = 'loopback-turn-secret-for-this-test-only';

interface MediaCheckView {
  phase: string;
  serverDtlsStates: Record<string, string>;
  selectedCandidateTypes: Record<string, string>;
  sendTransportId: string | null;
  recvTransportId: string | null;
  videoFramesDecoded: number;
  error?: { code: string; message: string };
}

const readCheck = (page: Page) => page.evaluate(() => (window as unknown as { __vetmeetMediaCheck?: MediaCheckView }).__vetmeetMediaCheck);

/** Opens the relay-only media check and starts it; resolves when it is live with decoded video and a known path, or has failed. */
async function runRelayOnlyCheck(page: Page, baseUrl: string, timeout: number): Promise<MediaCheckView | undefined> {
  await page.goto(`${baseUrl}/dev/media-check?relay=1`);
  await page.getByTestId('relay-only-notice').waitFor();
  await page.getByRole('button', { name: 'Start camera check' }).click();
  await page.waitForFunction(
    () => {
      const check = (window as unknown as { __vetmeetMediaCheck?: MediaCheckView }).__vetmeetMediaCheck;
      const bothPathsKnown = check !== undefined && Object.keys(check.selectedCandidateTypes).length === 2;
      return check?.phase === 'error' || (check?.phase === 'live' && check.videoFramesDecoded > 10 && bothPathsKnown);
    },
    undefined,
    { timeout },
  );
  return readCheck(page);
}

describe('media through a TURN relay only, in real Chromium', () => {
  let coturn: Coturn;
  let testApp: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    coturn = await startCoturn({ secret: TURN_SECRET });
    testApp = await startTestApp({ TURN_URLS: coturn.urls.join(','), TURN_SECRET });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await coturn?.stop();
  });

  it('sends and receives the camera through coturn with credentials the server issued', async () => {
    const page = await browser.context.newPage();
    const check = await runRelayOnlyCheck(page, testApp.baseUrl, 30_000);
    expect(check?.error).toBeUndefined();
    expect(check?.videoFramesDecoded).toBeGreaterThan(10);
    // Both RTCPeerConnections selected a pair whose local end is the TURN allocation.
    expect(check?.selectedCandidateTypes).toEqual({ [check!.sendTransportId!]: 'relay', [check!.recvTransportId!]: 'relay' });
    expect(check?.serverDtlsStates).toEqual({ [check!.sendTransportId!]: 'connected', [check!.recvTransportId!]: 'connected' });
    await page.getByText('relayed by the TURN server').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/media-check-turn-relay.png`, fullPage: true });
    await expectNoAxeViolations(page, 'media-check-turn-relay');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.close();
  });

  it('fails clearly, never connecting directly, when coturn does not know the secret the server signs with', async () => {
    const misconfigured = await startTestApp({ TURN_URLS: coturn.urls.join(','), TURN_SECRET: 'a-secret-this-coturn-does-not-know' });
    const page = await browser.context.newPage();
    try {
      // The page gives up 15 s after going live when a transport has not connected.
      const check = await runRelayOnlyCheck(page, misconfigured.baseUrl, 30_000);
      expect(check?.error?.code).toBe('MEDIA_CONNECTION_FAILED');
      expect(check?.videoFramesDecoded).toBe(0);
      expect(check?.selectedCandidateTypes).toEqual({});
      // coturn was asked and refused the credential (its message integrity did not verify).
      expect(coturn.output()).toMatch(/check_stun_auth: Cannot find credentials of user <\d+:[\w-]{22}>/);
      await page.getByRole('alert').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/media-check-turn-refused.png`, fullPage: true });
      await expectNoAxeViolations(page, 'media-check-turn-refused');
    } finally {
      await page.close();
      await misconfigured.close();
    }
  });
});
