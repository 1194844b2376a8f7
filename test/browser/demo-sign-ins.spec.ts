import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';

/** The development sign-in page with the demo on: its accounts listed, each signed in with one click. */
describe('the demo accounts on the sign-in page, in real Chromium', () => {
  let app: TestApp;
  let dataDir: string;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync('/tmp/vetmeet-demo-browser-');
    chmodSync(dataDir, 0o711);
    app = await startTestApp({ DEMO_DATA: 'on', DATA_DIR: dataDir });
    browser = await launchBrowser({ locale: 'en-GB' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every demo account with its password, and one click signs in as the pet owner', async () => {
    await page.goto(`${app.baseUrl}/sign-in`);
    const panel = page.getByRole('region', { name: 'Demo accounts' });
    await panel.getByRole('button', { name: 'Sign in as Olga Demo (pet owner)' }).waitFor();
    const buttons = await panel.getByRole('button').allTextContents();
    expect(buttons).toEqual([
      'Sign in as Olga Demo (pet owner)',
      'Sign in as Dr. Ana Demo',
      'Sign in as Dr. Ben Demo',
      'Sign in as Clara Demo (clinic admin)',
      'Sign in as Oscar Demo (operator)',
    ]);
    await expect(panel.getByText('owner@demo.vetmeet.test').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/demo-sign-in-page.png`, fullPage: true });
    await expectNoAxeViolations(page, 'demo-sign-in-page');

    await panel.getByRole('button', { name: 'Sign in as Olga Demo (pet owner)' }).click();
    await page.waitForURL('**/pets');
    await page.getByText('Biscuit (demo cat)').first().waitFor();
  });

  it('signs the consultant in with one click too, into Demo clinic', async () => {
    const fresh = await browser.context.browser()?.newContext();
    const other = fresh ? await fresh.newPage() : await (await launchBrowser()).context.newPage();
    await other.goto(`${app.baseUrl}/sign-in`);
    await other.getByRole('button', { name: 'Sign in as Dr. Ana Demo' }).click();
    await other.waitForURL('**/pets');
    type Memberships = { memberships: { clinicName: string; role: string }[] };
    const session = await other.evaluate(async () => (await fetch('/api/auth/session')).json() as Promise<Memberships>);
    expect(session.memberships).toEqual([expect.objectContaining({ clinicName: 'Demo clinic', role: 'consultant' })]);
    await other.close();
  });
});
