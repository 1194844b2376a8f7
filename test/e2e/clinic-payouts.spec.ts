import {
  ErrorCode,
  type ClinicPaymentAccountView,
  type ConsultantDirectoryPage,
  type PaymentAccountOnboardingLink,
} from '@vetmeet/contracts';
import Stripe from 'stripe';
import { PaymentsService } from '../../apps/api/src/payments/payments.service';
import {
  book,
  createBookablePeople,
  DEFAULT_PRICE,
  firstSlot,
  requestBooking,
  type BookablePeople,
} from '../support/bookings';
import { addClinicAdmin, type ClinicAdmin } from '../support/clinic-admins';
import { asSchemaOwner } from '../support/consultations';
import { freePort } from '../support/free-port';
import { PayableBookings } from '../support/payable-bookings';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import { startTestApp, type TestApp } from '../support/test-app';

const FEE_PERCENT = '7.5';
/** 7.5 % of 45.00 EUR is 3.375 EUR: 338 cents, the half rounded up. */
const FEE_OF_DEFAULT_PRICE = 338;

/** A clinic connects its Stripe account and its bookings pay it (Stripe Connect, the fake, the real SDK). */
describe('payouts to clinics through Stripe Connect', () => {
  let fake: StripeFake;
  let stripe: Stripe;
  let testApp: TestApp;
  let connectWebhookUrl: string;

  const accountOf = (admin: Admin) =>
    admin.agent.get(`/api/clinics/${admin.clinicId}/payment-account`).set(admin.inClinic);
  const viewOf = async (admin: Admin) => (await accountOf(admin).expect(200)).body as ClinicPaymentAccountView;
  /** The consultant's entry in the public directory. */
  const directoryEntry = async (people: BookablePeople) => {
    const page = (await people.owner.agent.get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    return page.items.find((item) => item.id === people.consultant.userId)!;
  };
  const onboardingLink = async (admin: Admin) =>
    (
      await admin.agent
        .post(`/api/clinics/${admin.clinicId}/payment-account/onboarding-link`)
        .set(admin.inClinic)
        .expect(201)
    ).body as PaymentAccountOnboardingLink;
  const storedAccount = (clinicId: string) =>
    asSchemaOwner(
      testApp.database.url,
      async (db) => (await db.query('SELECT * FROM clinic_payment_accounts WHERE clinic_id = $1', [clinicId])).rows[0],
    );
  const paymentRow = (bookingId: string) =>
    asSchemaOwner(
      testApp.database.url,
      async (db) => (await db.query('SELECT * FROM payments WHERE booking_id = $1', [bookingId])).rows[0],
    );
  const audits = (action: string, clinicId: string) =>
    asSchemaOwner(
      testApp.database.url,
      async (db) =>
        (await db.query('SELECT outcome FROM audit_events WHERE action = $1 AND clinic_id = $2', [action, clinicId]))
          .rows,
    );

  type Admin = ClinicAdmin;
  const adminOf = (clinicId: string) => addClinicAdmin(testApp, clinicId);

  /** What the admin's browser does on Stripe's hosted onboarding: open the link, submit, follow the redirect home. */
  async function completeOnboarding(link: PaymentAccountOnboardingLink): Promise<string> {
    expect((await fetch(link.url)).status).toBe(200);
    const submitted = await fetch(link.url, { method: 'POST', redirect: 'manual' });
    expect(submitted.status).toBe(303);
    await fake.idle();
    return submitted.headers.get('location') ?? '';
  }

  beforeAll(async () => {
    const port = await freePort();
    connectWebhookUrl = `http://127.0.0.1:${port}/api/payments/stripe/connect-webhook`;
    fake = await StripeFake.start({
      webhookUrl: `http://127.0.0.1:${port}/api/payments/stripe/webhook`,
      connectWebhookUrl,
      retryDelayMs: 10,
    });
    stripe = new Stripe(fake.apiKey, fake.sdkConfig);
    testApp = await startTestApp(
      {
        STRIPE_SECRET_KEY: fake.apiKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_CONNECT_WEBHOOK_SECRET: fake.connectWebhookSecret,
        STRIPE_API_URL: `http://127.0.0.1:${fake.port}`,
        PLATFORM_FEE_PERCENT: FEE_PERCENT,
        PUBLIC_URL: 'http://vetmeet.test',
        BOOKING_SWEEP_SECONDS: '0',
      },
      { port },
    );
  });
  afterAll(async () => {
    await fake?.stop();
    await testApp?.close();
  });

  describe('a clinic that connects its account, and a booking of its consultant', () => {
    let people: BookablePeople;
    let admin: Admin;
    let accountId: string;

    beforeAll(async () => {
      people = await createBookablePeople(testApp);
      admin = await adminOf(people.clinicId);
    });

    it('takes no paid booking before the clinic takes charges: a code, told to owners and the admin', async () => {
      expect(await viewOf(admin)).toMatchObject({
        mode: 'stripe',
        connected: false,
        takesPaidBookings: false,
        platformFeePercent: 7.5,
      });
      const profile = await people.owner.agent.get(`/api/consultants/${people.consultant.userId}`).expect(200);
      expect(profile.body.takesPaidBookings).toBe(false);
      // The directory's entry says so too, so its card can tell owners before they open the profile.
      expect((await directoryEntry(people)).takesPaidBookings).toBe(false);

      const slot = await firstSlot(people, { fromMinutes: 3 * 24 * 60 });
      const refused = await requestBooking(people, slot.startsAt).expect(409);
      expect(refused.body.code).toBe(ErrorCode.ClinicPaymentsNotReady);
      const held = await asSchemaOwner(
        testApp.database.url,
        async (db) =>
          (
            await db.query('SELECT count(*)::int AS n FROM bookings WHERE consultant_id = $1', [
              people.consultant.userId,
            ])
          ).rows[0].n,
      );
      expect(held).toBe(0);
    });

    it("creates the clinic's connected account once, and shows what Stripe still needs", async () => {
      const accountsBefore = fake.connect.accounts.size;
      const link = await onboardingLink(admin);
      await onboardingLink(admin);
      expect(fake.connect.accounts.size).toBe(accountsBefore + 1);
      expect(new URL(link.url).pathname).toMatch(/^\/setup\/e\/acct_/);

      const stored = await storedAccount(people.clinicId);
      accountId = stored.stripe_account_id;
      expect(fake.connect.accounts.get(accountId)?.metadata).toEqual({ clinic_id: people.clinicId });
      expect(await viewOf(admin)).toMatchObject({
        connected: true,
        chargesEnabled: false,
        takesPaidBookings: false,
        requirementsDue: expect.arrayContaining(['external_account']),
      });
      expect(await audits('payment_account.create', people.clinicId)).toEqual([{ outcome: 'success' }]);
    });

    it('takes the status from account.updated after onboarding, and sends the admin back to payouts', async () => {
      const back = await completeOnboarding(await onboardingLink(admin));
      expect(back).toBe(`http://vetmeet.test/clinics/${people.clinicId}/payouts?onboarding=return`);
      expect(fake.connectDeliveries.at(-1)).toMatchObject({ type: 'account.updated', status: 200 });
      expect(await viewOf(admin)).toMatchObject({
        chargesEnabled: true,
        payoutsEnabled: true,
        detailsSubmitted: true,
        requirementsDue: [],
        takesPaidBookings: true,
      });
      expect(
        (await people.owner.agent.get(`/api/consultants/${people.consultant.userId}`).expect(200)).body
          .takesPaidBookings,
      ).toBe(true);
      expect((await directoryEntry(people)).takesPaidBookings).toBe(true);
      expect((await audits('payment_account.status', people.clinicId)).length).toBeGreaterThan(0);
    });

    it("pays the clinic's account less the fee, keeps account, fee and transfer; a refund reverses both", async () => {
      const slot = await firstSlot(people, { fromMinutes: 3 * 24 * 60 });
      const created = await book(people, slot.startsAt);
      const intentId = created.payment!.clientSecret!.split('_secret_')[0];
      expect(fake.resources.paymentIntents.get(intentId)).toMatchObject({
        amount: DEFAULT_PRICE.priceAmount,
        transfer_data: { destination: accountId },
        application_fee_amount: FEE_OF_DEFAULT_PRICE,
      });

      await stripe.paymentIntents.confirm(intentId, { payment_method: TEST_PAYMENT_METHODS.succeeds });
      await fake.idle();
      const charge = fake.resources.charges.get(String(fake.resources.paymentIntents.get(intentId)!.latest_charge))!;
      const transfer = fake.connect.transfers.get(String(charge.transfer))!;
      expect(transfer).toMatchObject({ destination: accountId, amount: DEFAULT_PRICE.priceAmount });
      expect(fake.connect.applicationFees.get(String(charge.application_fee))).toMatchObject({
        account: accountId,
        amount: FEE_OF_DEFAULT_PRICE,
      });
      expect(await paymentRow(created.booking.id)).toMatchObject({
        status: 'succeeded',
        destination_account: accountId,
        application_fee_amount: FEE_OF_DEFAULT_PRICE,
        transfer_id: transfer.id,
      });

      // Cancelled days ahead: refunded in full, the clinic's transfer and the platform's fee with it.
      await people.owner.agent.post(`/api/bookings/${created.booking.id}/cancel`).set(people.owner.csrf).expect(200);
      await fake.idle();
      expect(transfer).toMatchObject({ amount_reversed: DEFAULT_PRICE.priceAmount, reversed: true });
      expect(fake.connect.applicationFees.get(String(charge.application_fee))).toMatchObject({
        amount_refunded: FEE_OF_DEFAULT_PRICE,
        refunded: true,
      });
      expect(await paymentRow(created.booking.id)).toMatchObject({
        status: 'refunded',
        amount_refunded: DEFAULT_PRICE.priceAmount,
      });
    });

    it('stops paid bookings again when Stripe wants more from the clinic, and tells the admin what', async () => {
      fake.connect.requireMore(accountId, ['individual.verification.document']);
      await fake.idle();
      expect(await viewOf(admin)).toMatchObject({
        chargesEnabled: false,
        takesPaidBookings: false,
        requirementsDue: ['individual.verification.document'],
        disabledReason: 'requirements.past_due',
      });
      const slot = await firstSlot(people, { fromMinutes: 3 * 24 * 60 });
      expect((await requestBooking(people, slot.startsAt).expect(409)).body.code).toBe(
        ErrorCode.ClinicPaymentsNotReady,
      );
      fake.connect.completeOnboarding(accountId);
      await fake.idle();
    });

    it('reads the status from Stripe when the admin comes back, webhook or not', async () => {
      fake.connectWebhookUrl = undefined;
      try {
        fake.connect.requireMore(accountId, ['external_account']);
        await fake.idle();
        expect((await viewOf(admin)).takesPaidBookings).toBe(true);
        const refreshed = await admin.agent
          .post(`/api/clinics/${admin.clinicId}/payment-account/refresh`)
          .set(admin.inClinic)
          .expect(200);
        expect(refreshed.body).toMatchObject({ takesPaidBookings: false, requirementsDue: ['external_account'] });
      } finally {
        fake.connectWebhookUrl = connectWebhookUrl;
        fake.connect.completeOnboarding(accountId);
        await fake.idle();
      }
    });
  });

  it('refunds part of a payment in proportion: the transfer reversed by the refund, the fee by its share', async () => {
    const bookings = await PayableBookings.create(testApp.database.url);
    try {
      const accountId = await bookings.connect(fake);
      const booking = await bookings.book(4500);
      const payments = testApp.app.get(PaymentsService);
      const started = await payments.start({ userId: booking.ownerId, clinicId: null }, booking);
      await stripe.paymentIntents.confirm(started.clientSecret.split('_secret_')[0], {
        payment_method: TEST_PAYMENT_METHODS.succeeds,
      });
      await fake.idle();
      const payment = await paymentRow(booking.bookingId);
      expect(payment).toMatchObject({ destination_account: accountId, application_fee_amount: FEE_OF_DEFAULT_PRICE });

      // A refund through the service (as a clinic's suspension would ask for one), of a third of the price.
      await payments.refund(null, booking.bookingId, 'declined', { amount: 1500 });
      await fake.idle();
      const transfer = fake.connect.transfers.get(payment.transfer_id)!;
      expect(transfer).toMatchObject({ amount_reversed: 1500, reversed: false });
      const fee = [...fake.connect.applicationFees.values()].find(
        (each) => each.charge === transfer.source_transaction,
      )!;
      expect(fee).toMatchObject({ amount_refunded: 113, refunded: false }); // 338 × 1500 / 4500 = 112.67
      expect(await paymentRow(booking.bookingId)).toMatchObject({
        status: 'partially_refunded',
        amount_refunded: 1500,
      });
    } finally {
      await bookings.close();
    }
  });

  describe('the Connect webhook endpoint', () => {
    const post = (payload: string, signature: string | null) =>
      fetch(connectWebhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature && { 'stripe-signature': signature }) },
        body: payload,
      });
    const signedWith = (payload: string, secret: string) =>
      post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret }));
    const accountEvent = (
      account: string,
      object: Record<string, unknown> = { id: account, object: 'account', charges_enabled: true },
    ) =>
      JSON.stringify({
        id: `evt_${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        object: 'event',
        type: 'account.updated',
        account,
        data: { object },
      });

    it('refuses a missing, forged or platform-endpoint signature: 400, audited, nothing changed', async () => {
      const people = await createBookablePeople(testApp, { stripe: fake });
      const { stripe_account_id: account } = await storedAccount(people.clinicId);
      const payload = accountEvent(account, { id: account, object: 'account', charges_enabled: false });
      const answers = [
        await post(payload, null),
        await post(payload, 't=1,v1=forged'),
        await signedWith(payload, fake.webhookSecret),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
      for (const answer of answers)
        expect(((await answer.json()) as { code: string }).code).toBe(ErrorCode.WebhookSignatureInvalid);
      expect(await storedAccount(people.clinicId)).toMatchObject({ charges_enabled: true });
      const metrics = await (await fetch(`${testApp.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^vetmeet_connect_webhook_events_total\{outcome="refused"\} 3$/m);
    });

    it('answers 200 for an account that is none of ours, asks Stripe nothing about it, and audits it', async () => {
      const answer = await signedWith(accountEvent('acct_1SomeoneElses'), fake.connectWebhookSecret);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ received: true, outcome: 'unknown_account' });
    });

    it('takes the status from Stripe, not from the event: a signed claim of charges enables nothing', async () => {
      const people = await createBookablePeople(testApp);
      const admin = await adminOf(people.clinicId);
      await onboardingLink(admin);
      const { stripe_account_id: account } = await storedAccount(people.clinicId);
      const answer = await signedWith(
        accountEvent(account, { id: account, object: 'account', charges_enabled: true, payouts_enabled: true }),
        fake.connectWebhookSecret,
      );
      expect(await answer.json()).toEqual({ received: true, outcome: 'account_updated' });
      expect(await viewOf(admin)).toMatchObject({ chargesEnabled: false, takesPaidBookings: false });
    });

    it('acknowledges hostile or malformed signed events without acting on them, and ignores other types', async () => {
      const cases = [
        accountEvent("acct_1'; DROP TABLE clinic_payment_accounts; --"),
        accountEvent('acct_1Mismatch', { id: 'acct_1Other', object: 'account' }),
        accountEvent('acct_1NoObject', { id: 'acct_1NoObject', object: 'charge' }),
        JSON.stringify({
          id: 'evt_1NoAccount',
          object: 'event',
          type: 'account.updated',
          data: { object: { id: 'acct_1X', object: 'account' } },
        }),
        JSON.stringify(['not', 'an', 'event']),
        JSON.stringify({
          id: 'evt_1Other',
          object: 'event',
          type: 'payout.paid',
          account: 'acct_1X',
          data: { object: {} },
        }),
      ];
      const outcomes: string[] = [];
      for (const payload of cases) {
        const answer = await signedWith(payload, fake.connectWebhookSecret);
        expect(answer.status).toBe(200);
        outcomes.push(((await answer.json()) as { outcome: string }).outcome);
      }
      expect(outcomes).toEqual([
        'rejected_malformed',
        'rejected_malformed',
        'rejected_malformed',
        'rejected_malformed',
        'rejected_malformed',
        'ignored',
      ]);
      const invalidJson = await signedWith('{"id": "evt_1', fake.connectWebhookSecret);
      expect(invalidJson.status).toBe(400);
      expect(
        await asSchemaOwner(
          testApp.database.url,
          async (db) => (await db.query('SELECT count(*)::int AS n FROM clinic_payment_accounts')).rows[0].n,
        ),
      ).toBeGreaterThan(0);
    });
  });

  it("refuses a clinic id that is not one, and another clinic's account", async () => {
    const people = await createBookablePeople(testApp);
    const admin = await adminOf(people.clinicId);
    const other = await createBookablePeople(testApp);
    expect(
      (await admin.agent.get('/api/clinics/not-a-uuid/payment-account').set(admin.inClinic).expect(400)).body.code,
    ).toBe(ErrorCode.ValidationFailed);
    const reaching = await admin.agent
      .post(`/api/clinics/${other.clinicId}/payment-account/onboarding-link`)
      .set(admin.inClinic)
      .expect(404);
    expect(reaching.body.code).toBe(ErrorCode.NotFound);
    expect(await storedAccount(other.clinicId)).toBeUndefined();
  });
});
