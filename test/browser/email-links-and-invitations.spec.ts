import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { newAccount, registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createClinicWithStaff } from '../support/clinics';
import { freePort } from '../support/free-port';
import { linkIn } from '../support/mail-links';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const NEW_PASSWORD = 'seven quiet herons at dawn';

/** The path and query the browser shows, and whether any fragment (a token) is left in the address. */
const addressOf = (page: Page) => {
  const url = new URL(page.url());
  return { path: url.pathname + url.search, hash: url.hash };
};

describe('links from e-mails and staff invitations in the web client, in real Chromium', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let publicUrl: string;
  let browser: TestBrowser;
  let page: Page;

  async function signInThroughPage(target: Page, email: string, password: string): Promise<void> {
    await target.getByRole('textbox', { name: 'Email address' }).fill(email);
    await target.getByLabel('Password', { exact: true }).fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await startSmtpCapture();
    // The links in the e-mails must open this very app: its address is known before it starts.
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    testApp = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: publicUrl, MAIL_FROM: 'Vetmeet <no-reply@vetmeet.test>' }, { port });
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await smtp?.close();
  });

  it('verifies an address from the link in the sign-up e-mail, once, and takes the token out of the address bar', async () => {
    const account = newAccount({ displayName: 'Iryna Bondar' });
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    const link = linkIn(await smtp.nextMessageTo(account.email), publicUrl, '/verify-email');

    await page.goto(link);
    await page.getByRole('heading', { name: 'Your address is verified' }).waitFor();
    expect(addressOf(page)).toEqual({ path: '/verify-email', hash: '' });
    await page.getByRole('link', { name: 'Continue to sign in' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/verify-email.png` });
    await expectNoAxeViolations(page, 'verify-email');

    // The same link again, opened afresh: used, and the page says what to do instead.
    await page.goto('about:blank');
    await page.goto(link);
    await page.getByRole('heading', { name: 'This link has expired or was used already' }).waitFor();
    await page.getByRole('link', { name: 'Sign in to send a new link' }).click();
    await page.waitForURL('**/sign-in?next=%2Faccount');
    await signInThroughPage(page, account.email, STRONG_PASSWORD);
    await page.waitForURL('**/account');
    await page.getByTestId('account-profile').getByText('Verified', { exact: true }).waitFor();
  });

  it('sends a new verification link from the account page of an unverified address', async () => {
    const account = newAccount({ displayName: 'Taras Melnyk' });
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    await smtp.nextMessageTo(account.email);
    await page.context().clearCookies();
    await page.goto(`${testApp.baseUrl}/sign-in?next=%2Faccount`);
    await signInThroughPage(page, account.email, STRONG_PASSWORD);
    await page.waitForURL('**/account');
    await page.getByText('Not verified yet').waitFor();
    await page.getByRole('button', { name: 'Send the link again' }).click();
    await page.getByRole('status').getByText('We sent a new link to your address.').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/verify-email-resend.png` });
    await expectNoAxeViolations(page, 'verify-email-resend');
    const link = linkIn(await smtp.nextMessageTo(account.email), publicUrl, '/verify-email');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Your address is verified' }).waitFor();
    await page.getByRole('link', { name: 'Continue to your pets' }).waitFor();
  });

  it('resets a forgotten password from the e-mailed link, refusing a weak one on its field', async () => {
    const account = newAccount({ displayName: 'Oksana Shevchuk' });
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    await smtp.nextMessageTo(account.email);

    await page.context().clearCookies();
    await page.goto(`${testApp.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await page.getByTestId('reset-link-sent').getByText(account.email, { exact: true }).waitFor();

    const link = linkIn(await smtp.nextMessageTo(account.email), publicUrl, '/reset-password');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(addressOf(page)).toEqual({ path: '/reset-password', hash: '' });

    // Long enough, but it holds the address: the server refuses it, and the link still works.
    const localPart = account.email.split('@')[0];
    await page.getByLabel('New password', { exact: true }).fill(`my ${localPart} secret`);
    await page.getByLabel('New password again').fill(`my ${localPart} secret`);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByTestId('error-summary').waitFor();
    const field = page.getByLabel('New password', { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Do not use your email address in your password.').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/reset-password-weak.png`, fullPage: true });
    await expectNoAxeViolations(page, 'reset-password-weak');

    await field.fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('heading', { name: 'Your password was changed' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/reset-password.png` });
    await expectNoAxeViolations(page, 'reset-password');

    await page.getByRole('link', { name: 'Sign in with your new password' }).click();
    await page.waitForURL('**/sign-in');
    await signInThroughPage(page, account.email, STRONG_PASSWORD);
    await page.getByTestId('error-summary').getByText('The email address or password is not right.').waitFor();
    await signInThroughPage(page, account.email, NEW_PASSWORD);
    await page.waitForURL('**/pets');
  });

  describe('a staff invitation', () => {
    let admin: SignedIn;
    let clinicId: string;
    let invitee: ReturnType<typeof newAccount>;
    let inviteeBrowser: TestBrowser;

    beforeAll(async () => {
      admin = await registerAndSignIn(testApp.baseUrl, { displayName: 'Dr. Sofia Kravets' });
      clinicId = await createClinicWithStaff(testApp.database.url, 'Happy Paws Clinic', [{ userId: admin.session.account.id, role: 'clinic_admin' }]);
      invitee = newAccount({ displayName: 'Dr. Petro Hnatiuk' });
      await request(testApp.baseUrl).post('/api/accounts').send(invitee).expect(202);
      // Joining a clinic needs a verified address.
      const verification = linkIn(await smtp.nextMessageTo(invitee.email), publicUrl, '/verify-email');
      await request(testApp.baseUrl).post('/api/accounts/verify-email').send({ token: verification.split('#token=')[1] }).expect(200);
      inviteeBrowser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    });
    afterAll(async () => {
      await inviteeBrowser?.close();
    });

    it("lets a clinic admin invite staff from the clinic page and withdraw an invitation", async () => {
      await page.context().clearCookies();
      await page.goto(`${testApp.baseUrl}/sign-in?next=${encodeURIComponent(`/clinics/${clinicId}`)}`);
      await signInThroughPage(page, admin.email, STRONG_PASSWORD);
      await page.waitForURL(`**/clinics/${clinicId}`);
      const panel = page.getByTestId('staff-invitations');
      await panel.getByRole('heading', { name: 'Staff invitations' }).waitFor();
      await panel.getByText('No invitations are waiting.').waitFor();

      // An address that is not one: explained beside the field.
      await panel.getByLabel('Email address').fill('not an address');
      await panel.getByRole('button', { name: 'Send invitation' }).click();
      await panel.getByTestId('error-summary').getByText('Enter an email address like name@example.com.').waitFor();

      await panel.getByLabel('Email address').fill(invitee.email);
      await panel.getByLabel('Role').selectOption('consultant');
      await panel.getByRole('button', { name: 'Send invitation' }).click();
      await panel.getByRole('status').getByText(`We emailed an invitation to ${invitee.email} to join as Consultant.`).waitFor();

      const mistaken = 'wrong-address@example.test';
      await panel.getByLabel('Email address').fill(mistaken);
      await panel.getByLabel('Role').selectOption('support');
      await panel.getByRole('button', { name: 'Send invitation' }).click();
      await panel.getByTestId('pending-invitations').getByText(mistaken, { exact: true }).waitFor();
      expect(await panel.getByTestId('pending-invitations').locator('li').count()).toBe(2);
      await page.screenshot({ path: `${SCREENSHOTS}/clinic-invitations.png`, fullPage: true });
      await expectNoAxeViolations(page, 'clinic-invitations');

      await panel.getByRole('button', { name: `Withdraw the invitation to ${mistaken}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Withdraw this invitation?' });
      await dialog.waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/clinic-invitations-withdraw.png` });
      await expectNoAxeViolations(page, 'clinic-invitations-withdraw');
      await dialog.getByRole('button', { name: 'Withdraw invitation' }).click();
      await panel.getByRole('status').getByText(`The invitation to ${mistaken} was withdrawn; its link no longer works.`).waitFor();
      await page.waitForFunction((address) => !document.querySelector('[data-testid="pending-invitations"]')?.textContent?.includes(address), mistaken);
      expect(await panel.getByTestId('pending-invitations').locator('li').count()).toBe(1);
      await smtp.nextMessageTo(mistaken);
    });

    it('takes the invitee through signing in and back, then into the clinic', async () => {
      const link = linkIn(await smtp.nextMessageTo(invitee.email), publicUrl, '/invitations/accept');
      const invited = await inviteeBrowser.context.newPage();
      await invited.goto(link);
      const preview = invited.getByTestId('invitation-preview');
      await preview.getByText('Happy Paws Clinic', { exact: true }).waitFor();
      await preview.getByText('Consultant', { exact: true }).waitFor();
      await preview.getByRole('definition').getByText(invitee.email, { exact: true }).waitFor();
      expect(addressOf(invited)).toEqual({ path: '/invitations/accept', hash: '' });
      await invited.screenshot({ path: `${SCREENSHOTS}/invitation-accept-signed-out.png` });
      await expectNoAxeViolations(invited, 'invitation-accept-signed-out');

      // The token waits in the tab, never in the sign-in address.
      await preview.getByRole('link', { name: 'Sign in' }).click();
      await invited.waitForURL('**/sign-in?next=%2Finvitations%2Faccept');
      expect(invited.url()).not.toContain('token');
      await signInThroughPage(invited, invitee.email, STRONG_PASSWORD);
      await invited.waitForURL('**/invitations/accept');

      const join = invited.getByRole('button', { name: 'Join Happy Paws Clinic as Consultant' });
      await join.waitFor();
      await invited.screenshot({ path: `${SCREENSHOTS}/invitation-accept.png` });
      await expectNoAxeViolations(invited, 'invitation-accept');
      await join.click();
      await invited.waitForURL(`**/clinics/${clinicId}`);
      await invited.getByRole('heading', { name: 'Happy Paws Clinic', level: 1 }).waitFor();
      expect(await invited.getByTestId('clinic-roles').innerText()).toBe('Your role here: Consultant.');
      await invited.getByRole('status').getByText('You joined Happy Paws Clinic as Consultant.').waitFor();

      // Used: the same link now says so.
      await invited.goto(link);
      await invited.getByRole('heading', { name: 'This invitation is not valid any more' }).waitFor();
    });

    it('explains when the signed-in account is not the invited one', async () => {
      const third = 'third-vet@example.test';
      await admin.agent.post(`/api/clinics/${clinicId}/invitations`).set('X-CSRF-Token', admin.session.csrfToken).set('X-Clinic-Id', clinicId).send({ email: third, role: 'support' }).expect(201);
      const link = linkIn(await smtp.nextMessageTo(third), publicUrl, '/invitations/accept');
      // This browser is signed in as the earlier invitee.
      const wrong = await inviteeBrowser.context.newPage();
      await wrong.goto(link);
      await wrong.getByTestId('invitation-wrong-account').getByText(`You are signed in as ${invitee.email}`).waitFor();
      expect(await wrong.getByRole('button', { name: /^Join / }).count()).toBe(0);
      await wrong.getByRole('button', { name: 'Sign out to use another account' }).click();
      await wrong.getByTestId('invitation-sign-in').waitFor();
    });
  });
});
