import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createBookablePeople, DEFAULT_PRICE, type BookablePeople } from '../support/bookings';
import { addClinicAdmin, type ClinicAdmin } from '../support/clinic-admins';
import { freePort } from '../support/free-port';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
/** PLATFORM_FEE_PERCENT 10: 4.50 EUR of a 45.00 EUR booking. */
const FEE = 450;

/**
 * Payouts to a clinic in a real browser, with Stripe played by the fake: the owner is told the
 * clinic cannot take payments yet; the clinic admin connects the clinic's Stripe account through
 * the fake's hosted onboarding page and comes back to a page that reads the status from Stripe;
 * then the owner books and pays, and the fake shows the money went to the clinic's account with
 * the platform's fee held back. The card itself is confirmed through the SDK, standing in for
 * Stripe's Payment Element (Stripe's script cannot load here).
 */
describe("clinic payouts: connect the clinic's Stripe account, then a booking pays it", () => {
  let fake: StripeFake;
  let testApp: TestApp;
  let people: BookablePeople;
  let admin: ClinicAdmin;
  let adminBrowser: TestBrowser;
  let ownerBrowser: TestBrowser;
  let adminPage: Page;
  let ownerPage: Page;

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/payouts-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `payouts-${name}`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    fake = await StripeFake.start({
      webhookUrl: `http://127.0.0.1:${port}/api/payments/stripe/webhook`,
      connectWebhookUrl: `http://127.0.0.1:${port}/api/payments/stripe/connect-webhook`,
    });
    testApp = await startTestApp(
      {
        STRIPE_SECRET_KEY: fake.apiKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_CONNECT_WEBHOOK_SECRET: fake.connectWebhookSecret,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_vetmeet_fake',
        STRIPE_API_URL: `http://127.0.0.1:${fake.port}`,
        PLATFORM_FEE_PERCENT: '10',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      { port },
    );
    people = await createBookablePeople(testApp, {
      clinicName: 'Riverside Vets',
      consultantName: 'Dr. Olena Shevchenko',
    });
    admin = await addClinicAdmin(testApp, people.clinicId, 'Iryna Bondar');
    [adminBrowser, ownerBrowser] = await Promise.all([
      launchBrowser({ locale: 'en-GB' }),
      launchBrowser({ locale: 'en-GB' }),
    ]);
    [adminPage, ownerPage] = await Promise.all([adminBrowser.context.newPage(), ownerBrowser.context.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([adminBrowser?.close(), ownerBrowser?.close()]);
    await fake?.stop();
    await testApp?.close();
  });

  it('tells the owner the clinic cannot take payments yet, and offers no paid time', async () => {
    await signIn(ownerPage, testApp.baseUrl, people.owner.email);
    // Already in the directory's list, before the owner opens the vet's page.
    const directoryRequests: string[] = [];
    ownerPage.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/consultants') directoryRequests.push(request.url());
    });
    await ownerPage.goto(`${testApp.baseUrl}/consultants`);
    const card = ownerPage
      .getByTestId('consultant-list')
      .getByRole('listitem')
      .filter({ hasText: 'Dr. Olena Shevchenko' });
    await card
      .getByTestId('clinic-payments-not-ready')
      .getByText('Riverside Vets cannot take card payments yet, so paid consultations cannot be booked for now.')
      .waitFor();
    // Loaded once: the account's time zone (Kyiv, not this browser's) is known before the list is asked for,
    // so the list does not flash back to "Looking for vets…" when the session arrives.
    await ownerPage.locator('header.site-header').getByText('Maria Kovalenko').waitFor();
    expect(directoryRequests).toHaveLength(1);
    await shot(ownerPage, 'owner-directory-not-ready');

    await ownerPage.goto(`${testApp.baseUrl}/consultants/${people.consultant.userId}`);
    await ownerPage
      .getByTestId('clinic-payments-not-ready')
      .getByText('Riverside Vets cannot take card payments yet')
      .waitFor();
    expect(await ownerPage.getByTestId('slot-picker').count()).toBe(0);
    await shot(ownerPage, 'owner-not-ready');

    // The booking form, reached from an old link, says so too instead of offering to hold the time.
    const start = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
    const query = new URLSearchParams({ start, minutes: String(DEFAULT_PRICE.durationMinutes) }).toString();
    await ownerPage.goto(`${testApp.baseUrl}/consultants/${people.consultant.userId}/book?${query}`);
    await ownerPage
      .getByTestId('clinic-payments-not-ready')
      .getByText('this consultation cannot be booked for now')
      .waitFor();
    expect(await ownerPage.getByRole('button', { name: /Hold this time/ }).count()).toBe(0);
    await shot(ownerPage, 'owner-form-not-ready');
  });

  it("lets the clinic admin connect the clinic through Stripe's onboarding and see it can take payments", async () => {
    await signIn(adminPage, testApp.baseUrl, admin.email);
    await adminPage.goto(`${testApp.baseUrl}/clinics/${people.clinicId}`);
    await adminPage.getByRole('link', { name: 'Payments and payouts' }).click();
    await adminPage
      .getByTestId('payout-standing')
      .getByText('Not connected: your consultants cannot take paid bookings yet.')
      .waitFor();
    await shot(adminPage, 'not-connected');

    await adminPage.getByRole('button', { name: 'Connect with Stripe' }).click();
    await adminPage.waitForURL(`http://127.0.0.1:${fake.port}/setup/e/**`);
    await adminPage.getByRole('button', { name: 'Agree and submit' }).click();

    await adminPage.waitForURL(`**/clinics/${people.clinicId}/payouts?onboarding=return`);
    await adminPage
      .getByTestId('payout-standing')
      .getByText('Connected: bookings are paid to the clinic’s Stripe account.')
      .waitFor();
    expect(await adminPage.getByTestId('charges-enabled').innerText()).toBe('Yes');
    await adminPage.getByText('Vetmeet keeps 10 % of each booking’s price').waitFor();
    await shot(adminPage, 'connected');
  });

  it("lets the owner book and pay, and the payment goes to the clinic's account with the fee held back", async () => {
    await fake.idle();
    const [account] = fake.connect.accounts.values();
    expect(account.charges_enabled).toBe(true);

    await ownerPage.goto(`${testApp.baseUrl}/consultants`);
    await ownerPage.getByTestId('consultant-list').getByRole('link', { name: 'Dr. Olena Shevchenko' }).waitFor();
    expect(await ownerPage.getByTestId('clinic-payments-not-ready').count()).toBe(0);
    await ownerPage.goto(`${testApp.baseUrl}/consultants/${people.consultant.userId}`);
    const firstSlot = ownerPage.locator('.slot-button').first();
    await firstSlot.waitFor();
    expect(await ownerPage.getByTestId('clinic-payments-not-ready').count()).toBe(0);
    await firstSlot.click();
    await ownerPage.waitForURL('**/book?*');
    await ownerPage.getByLabel('Reason for the consultation').fill('Limping on the left hind leg since Sunday.');
    await ownerPage.getByRole('button', { name: /Hold this time/ }).click();
    await ownerPage.waitForURL('**/pay');
    const bookingId = new URL(ownerPage.url()).pathname.split('/')[2];

    // The card, as Stripe's Payment Element would confirm it.
    const [intent] = [...fake.resources.paymentIntents.values()].filter(
      (each) => (each.metadata as { booking_id?: string }).booking_id === bookingId,
    );
    expect(intent).toMatchObject({
      amount: DEFAULT_PRICE.priceAmount,
      transfer_data: { destination: account.id },
      application_fee_amount: FEE,
    });
    await new Stripe(fake.apiKey, fake.sdkConfig).paymentIntents.confirm(intent.id, {
      payment_method: TEST_PAYMENT_METHODS.succeeds,
    });
    await fake.idle();

    const charge = fake.resources.charges.get(String(intent.latest_charge))!;
    expect(fake.connect.transfers.get(String(charge.transfer))).toMatchObject({
      destination: account.id,
      amount: DEFAULT_PRICE.priceAmount,
    });
    expect(fake.connect.applicationFees.get(String(charge.application_fee))).toMatchObject({
      account: account.id,
      amount: FEE,
    });

    await ownerPage.goto(`${testApp.baseUrl}/bookings/${bookingId}`);
    await ownerPage.getByText('Waiting for the vet').first().waitFor();
    await shot(ownerPage, 'owner-paid');
  });
});
