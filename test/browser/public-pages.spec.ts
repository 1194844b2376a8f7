import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
/** The version GET /api/privacy-policy hands out (apps/api/src/accounts/privacy-policy.ts). */
const POLICY_VERSION = '2026-11-01';

/** The signed-out pages a newcomer walks first, with a heading each one shows once loaded. */
const SIGNED_OUT_PAGES: { path: string; heading: string }[] = [
  { path: '/', heading: 'See a vet by video, from home.' },
  { path: '/sign-in', heading: 'Sign in to Vetmeet' },
  { path: '/sign-up', heading: 'Create your Vetmeet account' },
  { path: '/forgot-password', heading: 'Forgot your password' },
  { path: '/consultants', heading: 'Find a vet' },
  { path: '/privacy', heading: 'Privacy policy' },
];

/** Everything the page reports as an error: console errors (a failed fetch logs one) and uncaught exceptions. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

describe('the signed-out pages, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    browser = await launchBrowser({ locale: 'en-GB' });
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  // Signed out is a state (200), not a 401 that Chromium logs as a console error on every load.
  it('loads each signed-out page with no console error and no accessibility violation', async () => {
    for (const { path, heading } of SIGNED_OUT_PAGES) {
      const sessionAsked = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/session');
      await page.goto(`${testApp.baseUrl}${path}`);
      expect((await sessionAsked).status()).toBe(200);
      await page.getByRole('heading', { name: heading, level: 1 }).first().waitFor();
      await page.locator('header.site-header').getByRole('link', { name: 'Sign in' }).waitFor();
      // Every page offers the privacy policy, signed in or not.
      await page.locator('footer').getByRole('link', { name: 'Privacy policy' }).waitFor();
      await expectNoAxeViolations(page, path);
    }
    expect(errors).toEqual([]);
  });

  it('shows the privacy policy the server hands out, with its version and the promises it makes', async () => {
    await page.goto(`${testApp.baseUrl}/privacy`);
    expect(await page.getByTestId('privacy-version').innerText()).toBe(`Version ${POLICY_VERSION}`);
    const text = await page.locator('article').innerText();
    for (const promise of [
      'name, country and time zone',
      'only when everyone in it has consented',
      'AES-256-GCM',
      'Recordings, photos, videos and chat: 12 months.',
      'Medical reports, diagnostics and test results: 36 months.',
      'Billing and payment records: 7 years',
      'Audit logs: 12 months.',
      'until you close it, and 30 days after',
      'within 30 days',
      'Portability',
      'Restriction',
      'Objection',
      'Consent withdrawal',
      'within 72 hours',
      'Stripe',
    ]) {
      expect(text).toContain(promise);
    }
    // The contents link to each section on the page.
    const contents = page.getByRole('navigation', { name: 'Sections of the policy' });
    await contents.getByRole('link', { name: 'How long we keep it' }).click();
    await page.waitForURL('**#retention');
    expect(new URL(page.url()).hash).toBe('#retention');
    await page.screenshot({ path: `${SCREENSHOTS}/privacy-policy.png`, fullPage: true });
    await expectNoAxeViolations(page, 'privacy-policy');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/privacy-policy-phone.png` });
    await expectNoAxeViolations(page, 'privacy-policy-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens the privacy policy from the sign-up checkbox in a new tab, keeping what was typed', async () => {
    await page.goto(`${testApp.baseUrl}/sign-up`);
    await page.getByText(`(version ${POLICY_VERSION})`).waitFor();
    await page.getByLabel('Your name').fill('Olena Marchenko');

    const opened = browser.context.waitForEvent('page');
    await page.getByRole('link', { name: 'Read the privacy policy (opens in a new tab)' }).click();
    const policyTab = await opened;
    await policyTab.getByTestId('privacy-version').getByText(`Version ${POLICY_VERSION}`).waitFor();
    expect(new URL(policyTab.url()).pathname).toBe('/privacy');
    await policyTab.close();

    expect(new URL(page.url()).pathname).toBe('/sign-up');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Olena Marchenko');
    // The link is part of the checkbox's description, read with it.
    const checkbox = page.getByLabel('I have read and accept the privacy policy');
    const describedBy = (await checkbox.getAttribute('aria-describedby')) ?? '';
    const description = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText();
    expect(description).toContain('Read the privacy policy');
    expect(errors).toEqual([]);
  });
});
