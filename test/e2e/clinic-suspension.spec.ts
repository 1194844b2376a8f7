import {
  ErrorCode,
  type BookingCreatedView,
  type BookingView,
  type ClinicDecisionView,
  type ConsultantDirectoryPage,
  type OperatorClinicView,
} from '@vetmeet/contracts';
import Stripe from 'stripe';
import { ClinicSuspension } from '../../apps/api/src/operators/clinic-suspension';
import { NotificationSender } from '../../apps/api/src/notifications/notification-sender';
import {
  book,
  createBookablePeople,
  firstSlot,
  requestBooking,
  slotsOf,
  type BookablePeople,
} from '../support/bookings';
import { asSchemaOwner } from '../support/consultations';
import { TEST_PUBLIC_URL } from '../support/mail-links';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import { signedInOperator, type SignedInOperator } from '../support/operators';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';

const DAY_MINUTES = 24 * 60;
const REASON = { reason: 'Licence lapsed; under review.' };

/** The suspension's pass the request started in the background, and one more, as a second process would run it. */
async function passes(world: MailTestApp): Promise<void> {
  const suspension = world.testApp.app.get(ClinicSuspension);
  await suspension.pass();
  await suspension.whenIdle();
}

/**
 * Suspending a clinic: out of the directory at once, no new booking, and its upcoming bookings
 * cancelled and refunded in full with a notice to each owner, in the local test payment mode and
 * with Stripe (the local fake, through the real SDK). An operator never reads the clinic's data.
 */
describe('suspending a clinic', () => {
  type Operator = SignedInOperator;
  const REFUNDED = { status: 'refunded', amountRefunded: 4500 };
  const directoryIds = async (people: BookablePeople) => {
    const directory = (await people.owner.agent.get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    return directory.items.map((item) => item.id);
  };
  const bookingOf = async (people: BookablePeople, id: string) =>
    (await people.owner.agent.get(`/api/bookings/${id}`).expect(200)).body as BookingView;
  const accept = (people: BookablePeople, id: string) =>
    people.consultant.agent.post(`/api/bookings/${id}/accept`).set(people.consultant.inClinic).expect(200);
  const payLocally = (people: BookablePeople, id: string) =>
    people.owner.agent
      .post(`/api/bookings/${id}/test-payment`)
      .set(people.owner.csrf)
      .send({ outcome: 'succeeded' })
      .expect(200);
  const countAsOwner = (url: string, sql: string, parameters: unknown[]) =>
    asSchemaOwner(url, async (client) => (await client.query<{ n: number }>(sql, parameters)).rows[0].n);
  const suspend = (operator: Operator, clinicId: string) =>
    operator.agent.post(`/api/operator/clinics/${clinicId}/suspend`).set(operator.csrf).send(REASON).expect(200);

  describe('in the local test payment mode', () => {
    let world: MailTestApp;
    let operator: Operator;
    let people: BookablePeople;
    const bookings = {} as Record<'held' | 'requested' | 'confirmed' | 'past', string>;

    const pay = (id: string) => payLocally(people, id);
    /** The subjects of every e-mail to the address that arrives until none comes for a second. */
    const subjectsTo = async (address: string) => {
      const subjects: string[] = [];
      for (;;) {
        const mail = await world.smtp.nextMessageTo(address, 1_000).catch(() => null);
        if (!mail) return subjects;
        subjects.push(mail.parsed.subject ?? '');
      }
    };

    /** The e-mails to the address that arrive until none comes for a second. */
    const mailsTo = async (address: string) => {
      const mails: { subject: string; text: string }[] = [];
      for (;;) {
        const mail = await world.smtp.nextMessageTo(address, 1_000).catch(() => null);
        if (!mail) return mails;
        mails.push({ subject: mail.parsed.subject ?? '', text: mail.parsed.text ?? '' });
      }
    };

    beforeAll(async () => {
      world = await startMailTestApp({ TRUST_PROXY: 'loopback' });
      operator = await signedInOperator(world.testApp);
      people = await createBookablePeople(world.testApp);
      const slotAt = async (days: number) => (await firstSlot(people, { fromMinutes: days * DAY_MINUTES })).startsAt;
      bookings.confirmed = (await book(people, await slotAt(2))).booking.id;
      await pay(bookings.confirmed);
      await accept(people, bookings.confirmed);
      bookings.requested = (await book(people, await slotAt(3))).booking.id;
      await pay(bookings.requested);
      bookings.held = (await book(people, await slotAt(4))).booking.id;
      await world.testApp.app.get(NotificationSender).sendDue();
    });
    afterAll(() => world?.close());

    it("refuses an operator the clinic's bookings, pets, consultations and audit log", async () => {
      const confirmed = await bookingOf(people, bookings.confirmed);
      const asOperator = (path: string, clinic?: string) => {
        const call = operator.agent.get(path);
        return clinic ? call.set('X-Clinic-Id', clinic) : call;
      };
      const paths = [
        `/api/bookings/${bookings.confirmed}`,
        `/api/bookings/${bookings.confirmed}/pet`,
        `/api/pets/${people.pet.id}`,
        `/api/consultations/${confirmed.consultationId}`,
      ];
      for (const path of paths) {
        expect({ path, status: (await asOperator(path)).status }).toEqual({ path, status: 404 });
      }
      const audit = await asOperator(`/api/clinics/${people.clinicId}/audit-events`, people.clinicId).expect(404);
      expect(audit.body.code).toBe(ErrorCode.NotFound);
    });

    it('hides the consultant from the directory, refuses bookings, cancels and refunds upcoming ones', async () => {
      expect(await directoryIds(people)).toContain(people.consultant.userId);
      const slot = await firstSlot(people, { fromMinutes: 5 * DAY_MINUTES });
      await subjectsTo(people.owner.email);

      const decision = (await suspend(operator, people.clinicId)).body as ClinicDecisionView;
      expect(decision.clinic).toMatchObject({ status: 'suspended', statusReason: REASON.reason });
      expect(decision).toMatchObject({ bookingsToCancel: 2, applicantNotified: null });
      await passes(world);

      expect(await directoryIds(people)).not.toContain(people.consultant.userId);
      await people.owner.agent.get(`/api/consultants/${people.consultant.userId}`).expect(404);
      expect((await requestBooking(people, slot.startsAt).expect(404)).body.code).toBe(ErrorCode.NotFound);

      expect(await bookingOf(people, bookings.confirmed)).toMatchObject({ status: 'cancelled', payment: REFUNDED });
      expect(await bookingOf(people, bookings.requested)).toMatchObject({ status: 'declined', payment: REFUNDED });
      expect((await bookingOf(people, bookings.held)).status).toBe('expired');

      await world.testApp.app.get(NotificationSender).sendDue();
      // The owner's notice of each paid booking says why, the full refund and where to book another vet.
      const mails = await mailsTo(people.owner.email);
      const notices = mails.filter((mail) => /can no longer hold your consultation$/.test(mail.subject));
      expect(notices).toHaveLength(2);
      expect(mails.filter((mail) => /^Cancelled: your consultation|could not accept/.test(mail.subject))).toEqual([]);
      for (const notice of notices) {
        expect(notice.text).toMatch(/no longer taking consultations on Vetmeet/);
        expect(notice.text).toMatch(/full refund of \S*45\.00/);
        expect(notice.text).toContain(`${TEST_PUBLIC_URL}/consultants`);
      }
    });

    it('is safe to suspend again (nothing twice) and a reinstated clinic is back in the directory', async () => {
      const again = (await suspend(operator, people.clinicId)).body as ClinicDecisionView;
      expect(again.bookingsToCancel).toBe(0);
      await world.testApp.app.get(ClinicSuspension).whenIdle();
      expect(await world.testApp.app.get(ClinicSuspension).pass()).toBe(0);
      const url = world.testApp.database.url;
      const events = `SELECT count(*)::int AS n FROM audit_events WHERE action = 'clinic.suspend' AND entity_id = $1`;
      expect(await countAsOwner(url, events, [people.clinicId])).toBe(1);
      const refunds = `SELECT count(*)::int AS n FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE p.clinic_id = $1`;
      expect(await countAsOwner(url, refunds, [people.clinicId])).toBe(2);

      const reinstate = operator.agent.post(`/api/operator/clinics/${people.clinicId}/reinstate`).set(operator.csrf);
      await reinstate.send({ reason: 'Licence renewed.' }).expect(200);
      expect(await directoryIds(people)).toContain(people.consultant.userId);
      await requestBooking(people, (await firstSlot(people, { fromMinutes: 6 * DAY_MINUTES })).startsAt).expect(201);
    });
  });

  describe('by two operators at once', () => {
    let world: MailTestApp;

    beforeAll(async () => {
      world = await startMailTestApp({ TRUST_PROXY: 'loopback' });
    });
    afterAll(() => world?.close());

    it('suspends once: the second waits for the first, changes nothing and cancels nothing twice', async () => {
      const [first, second] = [await signedInOperator(world.testApp), await signedInOperator(world.testApp)];
      const people = await createBookablePeople(world.testApp);
      const created = await book(people, (await firstSlot(people, { fromMinutes: 2 * DAY_MINUTES })).startsAt);
      await payLocally(people, created.booking.id);
      const decisions = await Promise.all([suspend(first, people.clinicId), suspend(second, people.clinicId)]);
      const toCancel = decisions.map((response) => (response.body as ClinicDecisionView).bookingsToCancel);
      expect(toCancel.every((count) => count <= 1)).toBe(true);
      await passes(world);
      expect(await bookingOf(people, created.booking.id)).toMatchObject({ status: 'declined', payment: REFUNDED });
      const events = `SELECT count(*)::int AS n FROM audit_events WHERE action = 'clinic.suspend' AND entity_id = $1`;
      expect(await countAsOwner(world.testApp.database.url, events, [people.clinicId])).toBe(1);
    });
  });

  describe('with thirty upcoming bookings', () => {
    const COUNT = 30;
    let world: MailTestApp;

    beforeAll(async () => {
      world = await startMailTestApp({ TRUST_PROXY: 'loopback' });
    });
    afterAll(() => world?.close());

    it('answers at once with how many; two passes at once then cancel and refund each booking once', async () => {
      const operator = await signedInOperator(world.testApp);
      const people = await createBookablePeople(world.testApp);
      const booked: string[] = [];
      const { slots } = await slotsOf(people, { fromMinutes: 2 * DAY_MINUTES, days: 3 });
      for (const slot of slots) {
        if (booked.length === COUNT) break;
        const response = await requestBooking(people, slot.startsAt);
        if (response.status !== 201) continue;
        const id = (response.body as BookingCreatedView).booking.id;
        await payLocally(people, id);
        if (booked.length % 3 === 0) await accept(people, id);
        booked.push(id);
      }
      expect(booked).toHaveLength(COUNT);

      const started = Date.now();
      const decision = (await suspend(operator, people.clinicId)).body as ClinicDecisionView;
      const answeredInMs = Date.now() - started;
      expect(decision.bookingsToCancel).toBe(COUNT);
      expect(answeredInMs).toBeLessThan(3_000);

      // The request started a pass in the background; two more run at once, as a second process would.
      const suspension = world.testApp.app.get(ClinicSuspension);
      await Promise.all([suspension.pass(), suspension.pass()]);
      await suspension.whenIdle();
      const clinic = await operator.agent.get(`/api/operator/clinics/${people.clinicId}`).expect(200);
      const progress = (clinic.body as OperatorClinicView).suspension;
      expect(progress).toEqual({ bookingsCancelled: COUNT, bookingsToCancel: COUNT });
      for (const id of booked) {
        expect((await bookingOf(people, id)).payment).toMatchObject(REFUNDED);
      }
      const url = world.testApp.database.url;
      const refunds = `SELECT count(*)::int AS n FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE p.clinic_id = $1`;
      expect(await countAsOwner(url, refunds, [people.clinicId])).toBe(COUNT);
      const notices = `SELECT count(DISTINCT booking_id)::int AS n FROM booking_notifications
        WHERE clinic_id = $1 AND kind = 'clinic_suspended' AND recipient_role = 'owner'`;
      const all = `SELECT count(*)::int AS n FROM booking_notifications
        WHERE clinic_id = $1 AND kind = 'clinic_suspended'`;
      expect(await countAsOwner(url, notices, [people.clinicId])).toBe(COUNT);
      expect(await countAsOwner(url, all, [people.clinicId])).toBe(COUNT);
    });
  });

  describe('with Stripe', () => {
    let fake: StripeFake;
    let stripe: Stripe;
    let world: MailTestApp;
    let operator: Operator;
    let people: BookablePeople;

    beforeAll(async () => {
      fake = await StripeFake.start({ retryDelayMs: 20 });
      stripe = new Stripe(fake.apiKey, fake.sdkConfig);
      world = await startMailTestApp({
        TRUST_PROXY: 'loopback',
        STRIPE_SECRET_KEY: fake.apiKey,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_vetmeet_fake',
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_API_URL: `http://127.0.0.1:${fake.port}`,
      });
      fake.webhookUrl = `${world.testApp.baseUrl}/api/payments/stripe/webhook`;
      operator = await signedInOperator(world.testApp);
      people = await createBookablePeople(world.testApp, { stripe: fake });
    });
    afterAll(async () => {
      await world?.close();
      await fake?.stop();
    });

    it('refunds a confirmed booking in full through Stripe', async () => {
      const slot = await firstSlot(people, { fromMinutes: 2 * DAY_MINUTES });
      const created: BookingCreatedView = await book(people, slot.startsAt);
      const intent = created.payment?.clientSecret.split('_secret_')[0] ?? '';
      await stripe.paymentIntents.confirm(intent, { payment_method: TEST_PAYMENT_METHODS.succeeds });
      await fake.idle();
      await accept(people, created.booking.id);

      expect(((await suspend(operator, people.clinicId)).body as ClinicDecisionView).bookingsToCancel).toBe(1);
      await passes(world);
      await fake.idle();
      expect(await bookingOf(people, created.booking.id)).toMatchObject({ status: 'cancelled', payment: REFUNDED });
      // Settled by the fake's verified refund webhook, from a refund made at Stripe.
      const refunds = await asSchemaOwner(world.testApp.database.url, async (client) =>
        (await client.query<{ provider_refund_id: string; amount: number; status: string }>(
          `SELECT r.provider_refund_id, r.amount, r.status FROM refunds r JOIN payments p ON p.id = r.payment_id
            WHERE p.provider_payment_id = $1`,
          [intent],
        )).rows,
      );
      const atStripe = { provider_refund_id: expect.stringMatching(/^re_/), amount: 4500, status: 'succeeded' };
      expect(refunds).toEqual([atStripe]);
    });
  });
});
