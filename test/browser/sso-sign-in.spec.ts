import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { newAccount, registerAndSignIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createClinicWithStaff } from '../support/clinics';
import { markEmailVerified } from '../support/consultations';
import { startTxtDnsServer, type TxtDnsServer } from '../support/dns-txt-server';
import { freePort } from '../support/free-port';
import { startIdentityProvider, type TestIdentityProvider } from '../support/oidc-provider';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const PROVIDER_PASSWORD = 'provider password 123';

describe("staff single sign-on in the web client, through the clinic's provider, in real Chromium", () => {
  let testApp: TestApp;
  let provider: TestIdentityProvider;
  let dns: TxtDnsServer;
  let browser: TestBrowser;
  let page: Page;
  let clinicId: string;
  const admin = newAccount({ displayName: 'Olena Admin' });
  const vera = newAccount({ displayName: 'Vera Staff', email: 'vera@clinic.test' });

  const shoot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/sso-${name}.png`, fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    dns = await startTxtDnsServer();
    testApp = await startTestApp({ PUBLIC_URL: appUrl, SSO_DNS_SERVERS: dns.address }, { port });
    provider = await startIdentityProvider({
      redirectUri: `${appUrl}/api/auth/sso/callback`,
      accounts: [{ sub: 'sub-vera', email: vera.email, password: PROVIDER_PASSWORD, email_verified: true }],
    });
    const signedInAdmin = await registerAndSignIn(appUrl, admin);
    const staff = await registerAndSignIn(appUrl, vera);
    // Single sign-on opens only an account whose address is confirmed.
    await markEmailVerified(testApp.database.url, staff.session.account.id);
    clinicId = await createClinicWithStaff(testApp.database.url, 'Riverside Vets', [
      { userId: signedInAdmin.session.account.id, role: 'clinic_admin' },
      { userId: staff.session.account.id, role: 'consultant' },
    ]);
    browser = await launchBrowser({ locale: 'en-GB' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
    await testApp?.close();
    await dns?.close();
  });

  it('lets the clinic admin set up the provider from the clinic page', async () => {
    await page.goto(`${testApp.baseUrl}/sign-in?next=${encodeURIComponent(`/clinics/${clinicId}`)}`);
    await page.getByLabel('Email address', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`**/clinics/${clinicId}`);
    await page.getByRole('link', { name: 'Single sign-on settings' }).click();
    await page.waitForURL(`**/clinics/${clinicId}/sso`);
    await page.getByTestId('sso-state').getByText('Single sign-on is off.').waitFor();
    expect(await page.getByTestId('sso-callback-url').innerText()).toBe(`${testApp.baseUrl}/api/auth/sso/callback`);

    await page.getByLabel('Issuer URL').fill(provider.issuer);
    await page.getByLabel('Client ID').fill(provider.clientId);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByLabel("Your staff's e-mail domains").fill('clinic.test');
    await page.getByRole('button', { name: 'Save and check' }).click();
    await page.getByRole('status').getByText('Now prove your clinic holds its domains').waitFor();
    await page.getByTestId('sso-state').getByText('Single sign-on is on.').waitFor();
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');

    // The domain routes nobody until its TXT record is found: first it is not there yet.
    const domain = page.getByTestId('sso-domain-clinic.test');
    await domain.getByText('Not verified yet.').waitFor();
    const verify = domain.getByRole('button', { name: 'Verify clinic.test' });
    await verify.click();
    await domain.getByRole('alert').getByText('The record was not found yet').waitFor();
    await expectNoAxeViolations(page, 'single sign-on settings, domain not verified');
    await shoot('settings');
    const recordName = await domain.locator('dd code').nth(0).innerText();
    const recordValue = await domain.locator('dd code').nth(1).innerText();
    expect(recordName).toBe('_vetmeet-verification.clinic.test');
    dns.set(recordName, [recordValue]);
    await verify.click();
    await page.getByRole('status').getByText('clinic.test is verified').waitFor();
    await domain.getByText('Verified: staff at this domain sign in with your provider.').waitFor();
    await expectNoAxeViolations(page, 'single sign-on settings, domain verified');
    await shoot('settings-verified');
    await page.locator('header.site-header').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').getByText('You have signed out.').waitFor();
  });

  it("signs a staff member in through the provider's own login page and lands on the clinic, signed in", async () => {
    await page.goto(`${testApp.baseUrl}/sign-in`);
    const section = page.getByTestId('sso-sign-in');
    await section.getByRole('heading', { name: "Sign in with your clinic's account" }).waitFor();
    await expectNoAxeViolations(page, 'sign-in with the clinic entry');
    await shoot('sign-in-page');

    await section.getByLabel('Your work email').fill(vera.email);
    await section.getByRole('button', { name: 'Continue with your clinic' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    await shoot('provider-login');
    await page.getByLabel('Work e-mail').fill(vera.email);
    await page.getByLabel('Password').fill(PROVIDER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL(`${testApp.baseUrl}/clinics/${clinicId}`);
    await page.getByRole('heading', { level: 1, name: 'Riverside Vets' }).waitFor();
    await page.getByTestId('clinic-roles').getByText('Consultant').waitFor();
    await expectNoAxeViolations(page, 'clinic page after single sign-on');
    await shoot('signed-in');
  });

  it('brings a refused address back to the sign-in page with the reason in words', async () => {
    await page.locator('header.site-header').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').getByText('You have signed out.').waitFor();
    await page.goto(`${testApp.baseUrl}/sign-in`);
    const section = page.getByTestId('sso-sign-in');
    await section.getByLabel('Your work email').fill('someone@no-sso.test');
    await section.getByRole('button', { name: 'Continue with your clinic' }).click();
    await page.waitForURL('**/sign-in?sso=SSO_NOT_CONFIGURED');
    await page.getByTestId('sso-problem').getByText('No clinic signs in with that e-mail domain').waitFor();
    await expectNoAxeViolations(page, 'sign-in with a refused single sign-on');
    await shoot('refused');
  });
});
