import { mkdirSync, readFileSync } from 'node:fs';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { newAccount } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

describe('two-step sign-in in the web client, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  /** The authenticator app of the test: built from the key the page shows, as a person would type it. */
  let authenticator: OTPAuth.TOTP;
  let recoveryCodes: string[];
  const person = newAccount({ displayName: 'Iryna Bondar' });

  const header = () => page.locator('header.site-header');
  const summary = () => page.getByTestId('error-summary');
  const card = () => page.getByTestId('two-step-card');
  /**
   * A code of a later time step each time: the server takes each step once per account.
   * The window of one step either side keeps -1, 0 and +1 valid now.
   */
  const codeAt = (offsetSteps: number) => authenticator.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
  /** Six digits that no step in the server's window accepts. */
  const wrongCode = () => {
    const valid = new Set([-1, 0, 1].map(codeAt));
    return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) as string;
  };

  async function signInWithPassword(): Promise<void> {
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signOut(): Promise<void> {
    await header().getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').getByText('You have signed out.').waitFor();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    await request(testApp.baseUrl).post('/api/accounts').send(person).expect(202);
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: testApp.baseUrl });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('turns two-step sign-in on from the account page with the key shown there, and shows the recovery codes once', async () => {
    await page.goto(`${testApp.baseUrl}/account`);
    await page.waitForURL('**/sign-in?next=%2Faccount');
    await signInWithPassword();
    await page.waitForURL('**/account');
    await card().getByText('Off', { exact: true }).waitFor();

    await card().getByRole('button', { name: 'Turn on' }).click();
    const setupHeading = card().getByRole('heading', { name: 'Set up your authenticator app' });
    await setupHeading.waitFor();
    expect(await setupHeading.evaluate((heading) => heading === document.activeElement)).toBe(true);
    await card().getByRole('img', { name: 'QR code that adds Vetmeet to an authenticator app' }).waitFor();

    // The key in blocks of four, as a person types it into an app by hand.
    const shownKey = await card().getByTestId('totp-secret').innerText();
    expect(shownKey).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
    const secret = shownKey.replaceAll(' ', '');
    authenticator = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    const link = await card().getByRole('link', { name: 'Open the key in an authenticator app on this device' }).getAttribute('href');
    expect((OTPAuth.URI.parse(link ?? '') as OTPAuth.TOTP).secret.base32).toBe(secret);
    await page.screenshot({ path: `${SCREENSHOTS}/totp-setup.png`, fullPage: true });
    await expectNoAxeViolations(page, 'totp-setup');
    await page.setViewportSize({ width: 390, height: 844 });
    await card().screenshot({ path: `${SCREENSHOTS}/totp-setup-phone.png` });
    await page.setViewportSize({ width: 1280, height: 800 });

    const codeField = card().getByLabel('Code from the app');
    await codeField.fill(wrongCode());
    await card().getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await summary().getByText('That code is not right, or it was used already.').waitFor();
    expect(await codeField.inputValue()).toBe('');

    await codeField.fill(codeAt(-1));
    await card().getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    const codesHeading = card().getByRole('heading', { name: 'Save your recovery codes' });
    await codesHeading.waitFor();
    expect(await codesHeading.evaluate((heading) => heading === document.activeElement)).toBe(true);
    recoveryCodes = await card().getByTestId('recovery-codes').getByRole('listitem').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await card().getByText('Store these codes somewhere safe and private').waitFor();
    await card().getByText('On', { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/recovery-codes.png`, fullPage: true });
    await expectNoAxeViolations(page, 'recovery-codes');

    await card().getByRole('button', { name: 'Copy' }).click();
    await card().getByRole('status').getByText('The 10 recovery codes were copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join('\n'));

    const downloading = page.waitForEvent('download');
    await card().getByRole('button', { name: 'Download as text' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('vetmeet-recovery-codes.txt');
    const saved = readFileSync(await download.path(), 'utf8');
    expect(saved).toContain(`Vetmeet recovery codes for ${person.email}`);
    for (const code of recoveryCodes) expect(saved).toContain(code);

    // Once put away, the codes are gone from the page for good.
    await card().getByRole('button', { name: 'I have saved my codes' }).click();
    await card().getByRole('status').getByText('Two-step sign-in is on.').waitFor();
    expect(await card().getByTestId('recovery-codes').count()).toBe(0);
    await page.reload();
    await card().getByText('On', { exact: true }).waitFor();
    await card().getByRole('button', { name: 'Turn off' }).waitFor();
    expect(await card().getByTestId('recovery-codes').count()).toBe(0);
  });

  it('asks for the code after the password, explains a wrong one, and then continues where the person was going', async () => {
    await signOut();
    await page.goto(`${testApp.baseUrl}/pets`);
    await page.waitForURL('**/sign-in?next=%2Fpets');
    await signInWithPassword();

    await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
    expect(pathOf(page)).toBe('/sign-in?next=%2Fpets');
    // Half signed in: no name in the header, and nothing but this step works.
    expect(await header().getByTestId('signed-in-name').count()).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/pets')).status)).toBe(401);

    const codeField = page.getByLabel('Code from your authenticator app');
    expect(await codeField.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    await page.screenshot({ path: `${SCREENSHOTS}/second-step.png`, fullPage: true });
    await expectNoAxeViolations(page, 'second-step');

    // Letters are caught in the page; a wrong number is explained from the server's answer.
    await codeField.fill('12ab56');
    await page.getByRole('button', { name: 'Continue' }).click();
    await summary().getByRole('link', { name: /The code is 6 digits/ }).waitFor();

    await codeField.fill(wrongCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    await summary().getByText('That code is not right, or it was used already.').waitFor();
    expect(await summary().evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await codeField.inputValue()).toBe('');
    await page.screenshot({ path: `${SCREENSHOTS}/second-step-wrong-code.png`, fullPage: true });
    await expectNoAxeViolations(page, 'second-step-wrong-code');

    // Pasted with a space, as many apps show it.
    const code = codeAt(0);
    await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/pets');
    expect(await header().getByTestId('signed-in-name').innerText()).toBe(person.displayName);
    await page.getByText('You have not added any pets yet.').waitFor();
  });

  it('takes a recovery code instead, once', async () => {
    await signOut();
    await signInWithPassword();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const recoveryField = page.getByLabel('Recovery code');
    expect(await recoveryField.evaluate((input) => input === document.activeElement)).toBe(true);
    await recoveryField.fill(recoveryCodes[0].toUpperCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/pets');
    await header().getByTestId('signed-in-name').waitFor();

    // The same recovery code a second time is refused and explained.
    await signOut();
    await signInWithPassword();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await summary().getByText('That recovery code is not right, or it was used already.').waitFor();

    await page.getByRole('button', { name: 'Use the code from your authenticator app instead' }).click();
    await page.getByLabel('Code from your authenticator app').fill(codeAt(1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/pets');
    await header().getByTestId('signed-in-name').waitFor();
  });

  it('goes back to the password from the second step when the person starts again', async () => {
    await signOut();
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start again with another email address' }).click();
    await page.getByRole('heading', { name: 'Sign in to Vetmeet' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).json())).toEqual({ signedIn: false });
    expect(await page.getByText('not finished in time').count()).toBe(0);

    await signInWithPassword();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[1]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/pets');
  });

  it('turns two-step sign-in off with a recovery code, after which the password alone signs in', async () => {
    await header().getByRole('link', { name: 'Account' }).click();
    await card().getByRole('button', { name: 'Turn off' }).click();
    await card().getByRole('button', { name: 'Use a recovery code instead' }).click();
    await card().getByLabel('Recovery code').fill(recoveryCodes[2]);
    await card().getByRole('button', { name: 'Turn off two-step sign-in' }).click();
    await card().getByRole('status').getByText('Two-step sign-in is off.', { exact: false }).waitFor();
    await card().getByText('Off', { exact: true }).waitFor();

    await signOut();
    await signInWithPassword();
    await page.waitForURL('**/pets');
    await header().getByTestId('signed-in-name').waitFor();
  });
});
