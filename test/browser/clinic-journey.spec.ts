import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import { newAccount, registerAndSignIn, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { markEmailVerified } from '../support/consultations';
import { freePort } from '../support/free-port';
import { linkIn } from '../support/mail-links';
import { signedInOperator, type SignedInOperator } from '../support/operators';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../support/smtp-capture';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import type { StripeObject } from '../support/stripe-fake/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const CLINIC = 'Sunflower Vets';
const VET = 'Dr. Mykola Savchenko';
/** 40.00 EUR for 30 minutes; PLATFORM_FEE_PERCENT 10 keeps 4.00 EUR. */
const PRICE = 4000;
const FEE = 400;
/** How long the app may take for work done after its answer (webhooks, refunds, notices), at most. */
const SETTLES_WITHIN_MS = 30_000;

/** Polls `check` (no fixed sleep) until it holds, failing with `what` after SETTLES_WITHIN_MS. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + SETTLES_WITHIN_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${SETTLES_WITHIN_MS} ms`);
    await new Promise((next) => setTimeout(next, 100));
  }
}

const listed = (object: StripeObject, list: string) => (object[list] as { data: StripeObject[] }).data;

/**
 * The whole life of a clinic, through the web pages as people use them, with Stripe played by the
 * local fake: a person signs up and applies for a clinic, an operator approves it, the new clinic
 * admin connects Stripe and invites a consultant, who publishes in one page; an owner books and
 * pays (the card confirmed through the SDK, standing in for Stripe's Payment Element), the vet
 * accepts, and the money reached the clinic with the platform's fee held back. Then the operator
 * suspends the clinic: the booking is cancelled and refunded in full, and the vet leaves the directory.
 */
describe('a clinic from application to suspension, through the web pages', () => {
  let smtp: SmtpCapture;
  let fake: StripeFake;
  let testApp: TestApp;
  let operator: SignedInOperator;
  let owner: SignedIn;
  let vet: SignedIn;
  const founder = newAccount({ displayName: 'Halyna Tkachenko', country: 'UA', timeZone: 'Europe/Kyiv' });
  const browsers: TestBrowser[] = [];
  let founderPage: Page;
  let operatorPage: Page;
  let vetPage: Page;
  let ownerPage: Page;
  let clinicId: string;
  let bookingId: string;
  let intentId: string;

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/journey-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `journey-${name}`);
  };
  /** One e-mail to `address` for each subject, in whatever order they come, passing over others (sign-up, notices). */
  const mailsTo = async (address: string, subjects: RegExp[]): Promise<CapturedMail[]> => {
    const found = new Map<RegExp, CapturedMail>();
    for (let read = 0; read < 10 && found.size < subjects.length; read += 1) {
      const mail = await smtp.nextMessageTo(address, SETTLES_WITHIN_MS);
      const wanted = subjects.find((subject) => !found.has(subject) && subject.test(mail.parsed.subject ?? ''));
      if (wanted) found.set(wanted, mail);
    }
    const missing = subjects.filter((subject) => !found.has(subject));
    if (missing.length > 0) throw new Error(`no e-mail to ${address} with a subject like ${missing.join(', ')}`);
    return subjects.map((subject) => found.get(subject)!);
  };
  const mailTo = async (address: string, subject: RegExp) => (await mailsTo(address, [subject]))[0];
  const openPage = async (timezoneId: string): Promise<Page> => {
    const browser = await launchBrowser({ timezoneId, locale: 'en-GB' });
    browsers.push(browser);
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await startSmtpCapture();
    // The e-mailed links and Stripe's return address must open this very app: its port is known first.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    fake = await StripeFake.start({
      webhookUrl: `${baseUrl}/api/payments/stripe/webhook`,
      connectWebhookUrl: `${baseUrl}/api/payments/stripe/connect-webhook`,
    });
    testApp = await startTestApp(
      {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Vetmeet <no-reply@vetmeet.test>',
        PUBLIC_URL: baseUrl,
        NOTIFICATION_POLL_SECONDS: '1',
        STRIPE_SECRET_KEY: fake.apiKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_CONNECT_WEBHOOK_SECRET: fake.connectWebhookSecret,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_vetmeet_fake',
        STRIPE_API_URL: `http://127.0.0.1:${fake.port}`,
        PLATFORM_FEE_PERCENT: '10',
      },
      { port },
    );
    operator = await signedInOperator(testApp);
    owner = await registerAndSignIn(testApp.baseUrl, { displayName: 'Sofia Marchenko' });
    vet = await registerAndSignIn(testApp.baseUrl, { displayName: VET, timeZone: 'UTC' });
    await markEmailVerified(testApp.database.url, owner.session.account.id);
    await markEmailVerified(testApp.database.url, vet.session.account.id);
    const csrf = { 'X-CSRF-Token': owner.session.csrfToken };
    await owner.agent.post('/api/pets').set(csrf).send({ name: 'Murka', species: 'cat' }).expect(201);
    [founderPage, operatorPage, vetPage, ownerPage] = await Promise.all(
      ['Europe/Kyiv', 'UTC', 'UTC', 'Europe/Kyiv'].map(openPage),
    );
  });
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await fake?.stop();
    await testApp?.close();
    await smtp?.close();
  });

  it('lets a person sign up, verify the address from the e-mail and apply for a clinic', async () => {
    await founderPage.goto(`${testApp.baseUrl}/sign-up`);
    await founderPage.getByLabel('Your name').fill(founder.displayName);
    await founderPage.getByLabel('Email address').fill(founder.email);
    await founderPage.getByLabel('Password', { exact: true }).fill(founder.password);
    await founderPage.getByLabel('Country').selectOption('UA');
    await founderPage.getByLabel('I am 18 or older').check();
    await founderPage.getByLabel('I have read and accept the privacy policy').check();
    await founderPage.getByRole('button', { name: 'Create account' }).click();
    await founderPage.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    const verification = await mailTo(founder.email, /^Confirm your email address/);
    await founderPage.goto(linkIn(verification, testApp.baseUrl, '/verify-email'));
    await founderPage.getByRole('heading', { name: 'Your address is verified' }).waitFor();
    await signIn(founderPage, testApp.baseUrl, founder.email);

    const nav = founderPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Register a clinic' }).click();
    await founderPage.getByRole('heading', { name: 'Register a clinic', level: 1 }).waitFor();
    await founderPage.getByLabel('Clinic name').fill(CLINIC);
    await founderPage.getByLabel('Legal entity').fill('Sunflower Veterinary LLC');
    await founderPage.getByRole('button', { name: 'Apply for the clinic' }).click();
    await founderPage.getByText(`Your application for ${CLINIC} was sent.`).waitFor();
    expect(await founderPage.getByTestId('clinic-application').innerText()).toContain('Waiting for review');
    await shot(founderPage, 'applied');
  });

  it('lets the platform operator approve the application in the console', async () => {
    await signIn(operatorPage, testApp.baseUrl, operator.email);
    await operatorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' }).click();
    const row = operatorPage.getByTestId('operator-clinics').getByRole('row', { name: new RegExp(CLINIC) });
    await row.getByRole('link', { name: CLINIC }).click();
    await operatorPage.getByRole('heading', { name: CLINIC, level: 1 }).waitFor();
    await operatorPage.getByRole('button', { name: 'Approve' }).click();
    const dialog = operatorPage.getByRole('dialog', { name: 'Approve this clinic' });
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await operatorPage.getByRole('status').getByText(`${CLINIC} is now approved.`).waitFor();
    await operatorPage.getByRole('button', { name: 'Suspend' }).waitFor();
    clinicId = new URL(operatorPage.url()).pathname.split('/').pop()!;
    await shot(operatorPage, 'approved');
  });

  it("lets the new clinic admin connect the clinic's Stripe account through Stripe's onboarding", async () => {
    await founderPage.reload();
    await founderPage.locator('header.site-header').getByRole('link', { name: `Clinic: ${CLINIC}` }).click();
    await founderPage.getByRole('heading', { name: CLINIC, level: 1 }).waitFor();
    expect(new URL(founderPage.url()).pathname).toBe(`/clinics/${clinicId}`);
    await founderPage.getByRole('link', { name: 'Payments and payouts' }).click();
    await founderPage.getByTestId('payout-standing').getByText(/^Not connected/).waitFor();
    await founderPage.getByRole('button', { name: 'Connect with Stripe' }).click();
    await founderPage.waitForURL(`http://127.0.0.1:${fake.port}/setup/e/**`);
    await founderPage.getByRole('button', { name: 'Agree and submit' }).click();
    await founderPage.waitForURL(`**/clinics/${clinicId}/payouts?onboarding=return`);
    await founderPage.getByTestId('payout-standing').getByText(/^Connected: bookings are paid/).waitFor();
    await founderPage.getByText('Vetmeet keeps 10 % of each booking’s price').waitFor();
    await shot(founderPage, 'connected');
  });

  it('lets the admin invite a consultant by e-mail, who joins and publishes with prices and hours', async () => {
    await founderPage.goto(`${testApp.baseUrl}/clinics/${clinicId}`);
    const panel = founderPage.getByTestId('staff-invitations');
    await panel.getByLabel('Email address').fill(vet.email);
    await panel.getByLabel('Role').selectOption('consultant');
    await panel.getByRole('button', { name: 'Send invitation' }).click();
    const sent = `We emailed an invitation to ${vet.email} to join as Consultant.`;
    await panel.getByRole('status').getByText(sent).waitFor();

    await signIn(vetPage, testApp.baseUrl, vet.email);
    const invitation = await mailTo(vet.email, /^You are invited to join/);
    await vetPage.goto(linkIn(invitation, testApp.baseUrl, '/invitations/accept'));
    await vetPage.getByRole('button', { name: `Join ${CLINIC} as Consultant` }).click();
    await vetPage.waitForURL(`**/clinics/${clinicId}`);
    await vetPage.getByRole('status').getByText(`You joined ${CLINIC} as Consultant.`).waitFor();
    await shot(vetPage, 'vet-joined');

    await vetPage.getByRole('link', { name: 'Profile, hours and publishing' }).click();
    await vetPage.getByRole('heading', { name: 'Your profile, hours and publishing', level: 1 }).waitFor();
    await vetPage.getByRole('textbox', { name: 'Specialties' }).fill('dermatology');
    await vetPage.getByRole('textbox', { name: 'Species you treat' }).fill('cat, dog');
    await vetPage.getByRole('textbox', { name: 'Languages' }).fill('uk, en');
    await vetPage.getByLabel('About you').fill('Skin problems in cats and dogs.');
    await vetPage.getByLabel('Currency of your prices').selectOption('EUR');
    await vetPage.getByLabel('Price, EUR').fill(String(PRICE / 100));
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await vetPage.getByRole('button', { name: `+ Add hours on ${day}` }).click();
    }
    await vetPage.getByLabel(/^Published/).check();
    await vetPage.getByTestId('preview-card').getByText('€40.00 · 30 minutes').waitFor();
    await vetPage.getByRole('button', { name: 'Save and publish' }).click();
    await vetPage.getByText('Saved and published: owners can find and book you now.').waitFor();
    await shot(vetPage, 'published');
  });

  it("lets an owner find the vet in the directory, book and pay; the money goes to the clinic's account", async () => {
    await signIn(ownerPage, testApp.baseUrl, owner.email);
    await ownerPage.locator('header.site-header').getByRole('link', { name: 'Find a vet' }).click();
    const card = ownerPage.getByTestId('consultant-list').getByRole('listitem').filter({ hasText: VET });
    await card.getByText(CLINIC).waitFor();
    expect(await card.getByTestId('clinic-payments-not-ready').count()).toBe(0);
    await shot(ownerPage, 'directory');
    await card.getByRole('link', { name: VET }).click();
    const firstSlot = ownerPage.locator('.slot-button').first();
    await firstSlot.click();
    await ownerPage.waitForURL('**/book?*');
    await ownerPage.getByLabel('Reason for the consultation').fill('Scratching her ears for a week.');
    await ownerPage.getByRole('button', { name: /Hold this time/ }).click();
    await ownerPage.waitForURL('**/pay');
    bookingId = new URL(ownerPage.url()).pathname.split('/')[2];
    await ownerPage.getByRole('heading', { name: 'Pay for your consultation', level: 1 }).waitFor();
    await shot(ownerPage, 'pay');

    const [account] = fake.connect.accounts.values();
    const intent = [...fake.resources.paymentIntents.values()].find(
      (each) => (each.metadata as { booking_id?: string }).booking_id === bookingId,
    )!;
    expect(intent).toMatchObject({
      amount: PRICE,
      currency: 'eur',
      transfer_data: { destination: account.id },
      application_fee_amount: FEE,
    });
    intentId = intent.id;
    // The card, as Stripe's Payment Element would confirm it (its script cannot load here).
    await new Stripe(fake.apiKey, fake.sdkConfig).paymentIntents.confirm(intent.id, {
      payment_method: TEST_PAYMENT_METHODS.succeeds,
    });
    await fake.idle();
    const charge = fake.resources.charges.get(String(fake.resources.paymentIntents.get(intentId)!.latest_charge))!;
    expect(fake.connect.transfers.get(String(charge.transfer))).toMatchObject({
      destination: account.id,
      amount: PRICE,
    });
    expect(fake.connect.applicationFees.get(String(charge.application_fee))).toMatchObject({
      account: account.id,
      amount: FEE,
    });

    await ownerPage.goto(`${testApp.baseUrl}/bookings/${bookingId}`);
    await ownerPage.getByText('Waiting for the vet').first().waitFor();
    await shot(ownerPage, 'paid');
  });

  it('lets the vet accept the request in the calendar', async () => {
    await vetPage.goto(`${testApp.baseUrl}/clinics/${clinicId}`);
    await vetPage.getByRole('link', { name: 'Your calendar' }).click();
    const request = vetPage.getByTestId('booking-request').first();
    await request.getByRole('button', { name: /^Accept/ }).click();
    await vetPage.getByRole('status').getByText(/You accepted/).waitFor();
    await vetPage.getByTestId('booking-upcoming').first().waitFor();
    await shot(vetPage, 'accepted');
    await ownerPage.reload();
    await ownerPage.getByText('Confirmed', { exact: true }).first().waitFor();
  });

  it('cancels and refunds the booking in full when the operator suspends the clinic, and hides the vet', async () => {
    await operatorPage.getByRole('button', { name: 'Suspend' }).click();
    const dialog = operatorPage.getByRole('dialog', { name: 'Suspend this clinic' });
    await dialog.getByLabel('Reason').fill('Licence under review.');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    const outcome =
      `${CLINIC} is now suspended. ` + 'One upcoming booking is being cancelled and its owner refunded in full.';
    await operatorPage.getByRole('status').getByText(outcome, { exact: true }).waitFor();
    // The page reloads the clinic: a suspended one offers Reinstate.
    await operatorPage.getByRole('button', { name: 'Reinstate' }).waitFor();
    await shot(operatorPage, 'suspended');

    // In Stripe: the whole price refunded, the transfer reversed and the fee given back with it.
    const refunds = () => [...fake.resources.refunds.values()].filter((each) => each.payment_intent === intentId);
    await eventually('the refund', () => refunds().length > 0);
    expect(refunds()).toEqual([expect.objectContaining({ amount: PRICE, status: 'succeeded' })]);
    const charge = fake.resources.charges.get(String(fake.resources.paymentIntents.get(intentId)!.latest_charge))!;
    const transfer = fake.connect.transfers.get(String(charge.transfer))!;
    const fee = fake.connect.applicationFees.get(String(charge.application_fee))!;
    expect(listed(transfer, 'reversals')).toEqual([expect.objectContaining({ amount: PRICE })]);
    expect(listed(fee, 'refunds')).toEqual([expect.objectContaining({ amount: FEE })]);

    const [notice, refundNotice] = await mailsTo(owner.email, [/^Cancelled: /, /^Your refund of /]);
    expect(notice.parsed.subject).toBe(`Cancelled: the clinic of ${VET} can no longer hold your consultation`);
    expect(refundNotice.parsed.subject).toBe('Your refund of €40.00 is on its way');
    await ownerPage.goto(`${testApp.baseUrl}/bookings/${bookingId}`);
    await ownerPage.getByText('Cancelled', { exact: true }).first().waitFor();
    await shot(ownerPage, 'cancelled');

    await ownerPage.goto(`${testApp.baseUrl}/consultants`);
    await ownerPage.getByTestId('directory-empty').waitFor();
    expect(await ownerPage.getByText(VET).count()).toBe(0);
  });
});
