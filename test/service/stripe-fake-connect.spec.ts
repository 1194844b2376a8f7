import Stripe from 'stripe';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import { WebhookReceiver } from '../support/stripe-fake/webhook-receiver';

/** The fake's Stripe Connect, through the real SDK: what Vetmeet's payouts to clinics use. */
describe('Stripe fake: Connect, driven by the real stripe SDK', () => {
  let fake: StripeFake;
  let stripe: Stripe;
  let platform: WebhookReceiver;
  let connect: WebhookReceiver;

  beforeAll(async () => {
    fake = await StripeFake.start({ retryDelayMs: 5 });
    stripe = new Stripe(fake.apiKey, fake.sdkConfig);
    platform = new WebhookReceiver(stripe, fake.webhookSecret);
    connect = new WebhookReceiver(stripe, fake.connectWebhookSecret);
    fake.webhookUrl = await platform.start();
    fake.connectWebhookUrl = await connect.start();
  });
  afterAll(async () => {
    await fake?.stop();
    await platform?.stop();
    await connect?.stop();
  });

  async function onboardedAccount(): Promise<Stripe.Account> {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    fake.connect.completeOnboarding(account.id);
    await fake.idle();
    return stripe.accounts.retrieve(account.id);
  }

  async function destinationCharge(amount: number, destination: string, fee: number): Promise<Stripe.PaymentIntent> {
    const intent = await stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      transfer_data: { destination },
      application_fee_amount: fee,
    });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: TEST_PAYMENT_METHODS.succeeds });
    return stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
  }

  it('creates an account that takes no charges until onboarding, with what is due', async () => {
    const account = await stripe.accounts.create(
      { type: 'express', metadata: { clinic_id: 'c-1' } },
      { idempotencyKey: 'connect-account:c-1' },
    );
    const again = await stripe.accounts.create(
      { type: 'express', metadata: { clinic_id: 'c-1' } },
      { idempotencyKey: 'connect-account:c-1' },
    );
    expect(again.id).toBe(account.id);
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      metadata: { clinic_id: 'c-1' },
    });
    expect(account.id).toMatch(/^acct_\w+$/);
    expect(account.requirements?.currently_due).toContain('external_account');
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ id: account.id });
  });

  it("refuses another platform's account as Stripe does (403 account_invalid)", async () => {
    const refused = await stripe.accounts.retrieve('acct_1NotOursAtAll').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(refused).toMatchObject({ statusCode: 403, code: 'account_invalid' });
  });

  it('serves an onboarding page: submitting it enables the account, signs account.updated, returns', async () => {
    const account = await stripe.accounts.create({ type: 'express' });
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'http://app.test/refresh',
      return_url: 'http://app.test/return',
      type: 'account_onboarding',
    });
    expect(link).toMatchObject({ object: 'account_link' });
    expect(link.expires_at - link.created).toBe(300);

    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Agree and submit');
    const submitted = await fetch(link.url, { method: 'POST', redirect: 'manual' });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe('http://app.test/return');
    await fake.idle();

    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { currently_due: [], disabled_reason: null },
    });
    const events = connect
      .ofType('account.updated')
      .filter((event) => (event.data.object as Stripe.Account).id === account.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ account: account.id, data: { object: { charges_enabled: true } } });
    expect(platform.ofType('account.updated')).toEqual([]);

    // Used once: the link now sends the browser to refresh_url for a new one.
    const stale = await fetch(link.url, { redirect: 'manual' });
    expect(stale.status).toBe(302);
    expect(stale.headers.get('location')).toBe('http://app.test/refresh');
  });

  it('refuses a destination that is not an enabled account, and a fee without a destination', async () => {
    const fresh = await stripe.accounts.create({ type: 'express' });
    const attempts = [
      stripe.paymentIntents.create({ amount: 4500, currency: 'eur', transfer_data: { destination: 'acct_1Unknown' } }),
      stripe.paymentIntents.create({ amount: 4500, currency: 'eur', transfer_data: { destination: fresh.id } }),
      stripe.paymentIntents.create({ amount: 4500, currency: 'eur', application_fee_amount: 100 }),
    ];
    const errors = await Promise.all(attempts.map((attempt) => attempt.catch((error: unknown) => error)));
    expect(errors.map((error) => (error as Stripe.errors.StripeError).param)).toEqual([
      'transfer_data[destination]',
      'transfer_data[destination]',
      'application_fee_amount',
    ]);
  });

  it('makes a destination charge: the whole amount to the account, the fee taken back from it', async () => {
    const account = await onboardedAccount();
    const intent = await destinationCharge(4500, account.id, 338);
    const charge = intent.latest_charge as Stripe.Charge;
    expect(intent).toMatchObject({
      status: 'succeeded',
      application_fee_amount: 338,
      transfer_data: { destination: account.id },
    });
    expect(charge).toMatchObject({ object: 'charge', destination: account.id, application_fee_amount: 338 });
    const transfer = await stripe.transfers.retrieve(String(charge.transfer));
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 4500,
      destination: account.id,
      source_transaction: charge.id,
      amount_reversed: 0,
    });
    const fee = await stripe.applicationFees.retrieve(String(charge.application_fee));
    expect(fee).toMatchObject({
      object: 'application_fee',
      amount: 338,
      account: account.id,
      charge: charge.id,
      amount_refunded: 0,
    });
  });

  it('reverses the transfer and refunds the fee in proportion to each refund, the last taking the rest', async () => {
    const account = await onboardedAccount();
    const intent = await destinationCharge(4500, account.id, 338);
    const charge = intent.latest_charge as Stripe.Charge;

    const third = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 1500,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    expect(third.transfer_reversal).toMatch(/^trr_/);
    expect(await stripe.transfers.retrieve(String(charge.transfer))).toMatchObject({
      amount_reversed: 1500,
      reversed: false,
    });
    expect(await stripe.applicationFees.retrieve(String(charge.application_fee))).toMatchObject({
      amount_refunded: 113,
      refunded: false,
    }); // 112.67

    await stripe.refunds.create({ payment_intent: intent.id, reverse_transfer: true, refund_application_fee: true });
    const transfer = await stripe.transfers.retrieve(String(charge.transfer));
    expect(transfer).toMatchObject({ amount_reversed: 4500, reversed: true });
    expect(transfer.reversals.data.map((reversal) => reversal.amount)).toEqual([3000, 1500]);
    const fee = await stripe.applicationFees.retrieve(String(charge.application_fee));
    expect(fee).toMatchObject({ amount_refunded: 338, refunded: true });
    expect(fee.refunds.data.map((refund) => refund.amount)).toEqual([225, 113]);
  });

  it('refuses to reverse a transfer of a charge that made none', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: TEST_PAYMENT_METHODS.succeeds });
    const refused = await stripe.refunds
      .create({ payment_intent: intent.id, reverse_transfer: true })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 400, param: 'reverse_transfer' });
  });
});
