import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { markEmailVerified } from '../support/consultations';
import { signedInOperator } from '../support/operators';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import type { TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';

/** In real Chromium: an account applies for a clinic, an operator approves it; the applicant runs it. */
describe('registering a clinic and approving it, in real Chromium', () => {
  let world: MailTestApp;
  let testApp: TestApp;
  let applicantBrowser: TestBrowser;
  let operatorBrowser: TestBrowser;
  let applicantPage: Page;
  let operatorPage: Page;
  let applicant: SignedIn;
  let operator: SignedIn;

  const signIn = async (page: Page, email: string) => {
    await page.goto(`${testApp.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/pets');
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    world = await startMailTestApp();
    testApp = world.testApp;
    const who = { displayName: 'Iryna Bondar', country: 'UA', timeZone: 'Europe/Kyiv' };
    applicant = await registerAndSignIn(testApp.baseUrl, who);
    await markEmailVerified(testApp.database.url, applicant.session.account.id);
    operator = await signedInOperator(testApp);
    applicantBrowser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    operatorBrowser = await launchBrowser({ locale: 'en-GB' });
    applicantPage = await applicantBrowser.context.newPage();
    operatorPage = await operatorBrowser.context.newPage();
  });
  afterAll(async () => {
    await applicantBrowser?.close();
    await operatorBrowser?.close();
    await world?.close();
  });

  it('lets a verified account apply, checking the fields in the page first', async () => {
    await signIn(applicantPage, applicant.email);
    const nav = applicantPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Register a clinic' }).click();
    await applicantPage.getByRole('heading', { name: 'Register a clinic', level: 1 }).waitFor();
    // Prefilled from the account: the contact and the country; the time zone from the browser.
    expect(await applicantPage.getByLabel('Contact name').inputValue()).toBe('Iryna Bondar');
    expect(await applicantPage.getByLabel('Country').inputValue()).toBe('UA');
    expect(await applicantPage.getByLabel('Time zone').inputValue()).toBe('Europe/Kyiv');

    await applicantPage.getByRole('button', { name: 'Apply for the clinic' }).click();
    await applicantPage.getByText("Enter the clinic's name.").first().waitFor();
    await expectNoAxeViolations(applicantPage, 'clinic-application-errors');

    await applicantPage.getByLabel('Clinic name').fill('Happy Paws');
    await applicantPage.getByLabel('Legal entity').fill('Happy Paws Veterinary LLC');
    await applicantPage.getByLabel('Contact phone (optional)').fill('+380 44 123 4567');
    await applicantPage.getByRole('button', { name: 'Apply for the clinic' }).click();
    await applicantPage.getByText('Your application for Happy Paws was sent.').waitFor();
    const application = applicantPage.getByTestId('clinic-application');
    expect(await application.innerText()).toContain('Waiting for review');
    // One waiting application at a time: the form is gone until it is decided.
    expect(await applicantPage.getByRole('button', { name: 'Apply for the clinic' }).count()).toBe(0);
    await applicantPage.screenshot({ path: `${SCREENSHOTS}/clinic-application.png`, fullPage: true });
    await expectNoAxeViolations(applicantPage, 'clinic-application');
  });

  it('lets an operator find the application in the console and approve it, from the keyboard', async () => {
    await signIn(operatorPage, operator.email);
    await operatorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' }).click();
    await operatorPage.getByRole('heading', { name: 'Operator console', level: 1 }).waitFor();
    const row = operatorPage.getByTestId('operator-clinics').getByRole('row', { name: /Happy Paws/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('Waiting for review');
    await operatorPage.screenshot({ path: `${SCREENSHOTS}/operator-console.png`, fullPage: true });
    await expectNoAxeViolations(operatorPage, 'operator-console');

    await row.getByRole('link', { name: 'Happy Paws' }).click();
    await operatorPage.getByRole('heading', { name: 'Happy Paws', level: 1 }).waitFor();
    expect(await operatorPage.locator('dl.details').innerText()).toContain('Happy Paws Veterinary LLC');
    await operatorPage.getByRole('button', { name: 'Approve' }).focus();
    await operatorPage.keyboard.press('Enter');
    const dialog = operatorPage.getByRole('dialog', { name: 'Approve this clinic' });
    await dialog.waitFor();
    await expectNoAxeViolations(operatorPage, 'operator-approve-dialog');
    // Cancel comes first and holds the focus; Tab reaches Approve.
    await operatorPage.keyboard.press('Tab');
    await operatorPage.keyboard.press('Enter');
    await operatorPage.getByText('Happy Paws is now approved.').waitFor();
    expect(await operatorPage.getByRole('status').innerText()).toBe('Happy Paws is now approved.');
    // The page reloads the clinic: an approved one offers Suspend.
    await operatorPage.getByRole('button', { name: 'Suspend' }).waitFor();
    await operatorPage.screenshot({ path: `${SCREENSHOTS}/operator-clinic-approved.png`, fullPage: true });
  });

  it('makes the applicant the clinic admin: the clinic is in their header, and its page opens', async () => {
    await applicantPage.reload();
    const header = applicantPage.locator('header.site-header');
    const clinicLink = header.getByRole('link', { name: 'Clinic: Happy Paws' });
    await clinicLink.waitFor();
    expect(await applicantPage.getByTestId('clinic-application').innerText()).toContain('Approved');
    expect(await header.getByRole('link', { name: 'Register a clinic' }).count()).toBe(0);
    await clinicLink.click();
    await applicantPage.getByRole('heading', { name: 'Happy Paws', level: 1 }).waitFor();
    expect(await applicantPage.getByTestId('clinic-roles').innerText()).toContain('Clinic administrator');
    await applicantPage.screenshot({ path: `${SCREENSHOTS}/clinic-application-approved.png`, fullPage: true });
    await expectNoAxeViolations(applicantPage, 'clinic-admin-after-approval');
  });

  it('asks a reason before suspending, and keeps the console to operators', async () => {
    await operatorPage.getByRole('button', { name: 'Suspend' }).click();
    const dialog = operatorPage.getByRole('dialog', { name: 'Suspend this clinic' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByText('Say why, in a few words.').waitFor();
    await expectNoAxeViolations(operatorPage, 'operator-suspend-dialog');
    await operatorPage.screenshot({ path: `${SCREENSHOTS}/operator-suspend-dialog.png` });
    await dialog.getByLabel('Reason').fill('Licence under review.');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await operatorPage.getByText('Happy Paws is now suspended.').waitFor();
    // The suspension's bookings are cancelled in the background; the page says how far that came.
    await operatorPage.getByText('The clinic had no upcoming bookings to cancel.').waitFor();
    await operatorPage.screenshot({ path: `${SCREENSHOTS}/operator-clinic-suspended.png` });

    await applicantPage.goto(`${testApp.baseUrl}/operator`);
    await applicantPage.getByText('Only platform operators see this console.').waitFor();
  });
});
