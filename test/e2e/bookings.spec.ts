import { ErrorCode, type BookingCreatedView, type BookingListPage, type BookingPaymentStart, type BookingView, type ConsultantSlotsView, type ConsultationView } from '@vetmeet/contracts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { BookingConfirmation } from '../../apps/api/src/bookings/booking-confirmation';
import { BookingSweep } from '../../apps/api/src/bookings/booking-sweep';
import { ConsultationSweep } from '../../apps/api/src/consultations/consultation-sweep';
import { NotificationSender } from '../../apps/api/src/notifications/notification-sender';
import { book, createBookablePeople, DEFAULT_PRICE, firstSlot, requestBooking, slotsOf, type BookablePeople } from '../support/bookings';
import { newPeople } from '../support/consultations';
import { idsOnEveryPage } from '../support/paged-lists';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import type { CapturedMail } from '../support/smtp-capture';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';

const PNG = readFileSync(join(__dirname, '../fixtures/attachments/photo.png'));
const WEBHOOK_PATH = '/api/payments/stripe/webhook';
const paymentIntentOf = (created: BookingCreatedView) => {
  if (!created.payment) throw new Error('no payment to make');
  return created.payment.clientSecret.split('_secret_')[0];
};

describe('booking a consultant, paying with Stripe, and what follows', () => {
  let mailApp: MailTestApp;
  let fake: StripeFake;
  let stripe: Stripe;
  let db: Client;

  const url = () => mailApp.testApp.baseUrl;
  const booking = async (people: BookablePeople, id: string, as: 'owner' | 'consultant' = 'owner') =>
    (await people[as].agent.get(`/api/bookings/${id}`).expect(200)).body as BookingView;
  /** The ids on every page of one side's list in one period, following nextCursor. */
  const listed = (people: BookablePeople, who: 'owner' | 'consultant', query: Record<string, string | number>) => idsOnEveryPage(people[who].agent, '/api/bookings', query);
  const consultantSees = async (people: BookablePeople) => [
    ...(await listed(people, 'consultant', { as: 'consultant', period: 'upcoming' })),
    ...(await listed(people, 'consultant', { as: 'consultant', period: 'past' })),
  ];
  const row = async (id: string) => (await db.query('SELECT * FROM bookings WHERE id = $1', [id])).rows[0];
  const outbox = async (id: string) =>
    (await db.query<{ kind: string; recipient_id: string }>('SELECT kind, recipient_id FROM booking_notifications WHERE booking_id = $1 ORDER BY kind, recipient_id', [id])).rows;
  const sendMail = () => mailApp.testApp.app.get(NotificationSender).sendDue();
  const sweep = () => mailApp.testApp.app.get(BookingSweep).sweep();
  /** What the browser's Payment Element does with the client secret, here through the fake's confirm; then every webhook it caused is delivered. */
  const pay = async (created: BookingCreatedView, paymentMethod: string = TEST_PAYMENT_METHODS.succeeds) => {
    await stripe.paymentIntents.confirm(paymentIntentOf(created), { payment_method: paymentMethod }).catch((error: unknown) => {
      if (paymentMethod === TEST_PAYMENT_METHODS.succeeds) throw error;
    });
    await fake.idle();
  };
  /** The next email to `address` that `wanted` accepts; the sign-up's verification emails and the like are passed over. */
  const mailTo = async (address: string, wanted: (mail: CapturedMail) => boolean) => {
    for (let skipped = 0; skipped < 10; skipped += 1) {
      const mail = await mailApp.smtp.nextMessageTo(address, 5_000);
      if (wanted(mail)) return mail;
    }
    throw new Error(`no wanted email to ${address} among the next 10`);
  };
  const withCalendar = (mail: CapturedMail) => mail.parsed.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar'));
  const refusal = async (response: Promise<{ status: number; body: { code?: string } }>) => {
    const answered = await response;
    return `${answered.status} ${answered.body.code}`;
  };

  beforeAll(async () => {
    fake = await StripeFake.start({ retryDelayMs: 20 });
    stripe = new Stripe(fake.apiKey, fake.sdkConfig);
    mailApp = await startMailTestApp({
      TRUST_PROXY: 'loopback',
      STRIPE_SECRET_KEY: fake.apiKey,
      STRIPE_PUBLISHABLE_KEY: 'pk_test_vetmeet_fake',
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: `http://127.0.0.1:${fake.port}`,
      NOTIFICATION_POLL_SECONDS: '0',
      BOOKING_SWEEP_SECONDS: '0',
    });
    fake.webhookUrl = `${url()}${WEBHOOK_PATH}`;
    db = new Client({ connectionString: mailApp.testApp.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await mailApp?.close();
    await fake?.stop();
  });

  describe('the path: hold, pay, accept', () => {
    let people: BookablePeople;
    let created: BookingCreatedView;

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const slot = await firstSlot(people, { fromMinutes: 3 * 24 * 60 });
      // A price from the client is not part of the request at all.
      expect((await requestBooking(people, slot.startsAt, { priceAmount: 1 })).body.code).toBe(ErrorCode.ValidationFailed);
      created = await book(people, slot.startsAt);
    });

    it('holds the slot at the price from our database, whatever the client sends, and starts a PaymentIntent for it', async () => {
      expect(created.booking).toMatchObject({ status: 'held', myRole: 'owner', price: { amount: DEFAULT_PRICE.priceAmount, currency: 'EUR' }, reason: 'Scratching her ears all week' });
      expect(Date.parse(created.booking.holdExpiresAt ?? '') - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(created.payment).toMatchObject({ mode: 'stripe', publishableKey: 'pk_test_vetmeet_fake', amount: 4500, currency: 'EUR' });
      const intent = await stripe.paymentIntents.retrieve(paymentIntentOf(created));
      expect(intent).toMatchObject({ amount: 4500, currency: 'eur', status: 'requires_payment_method' });
      expect(intent.metadata.booking_id).toBe(created.booking.id);
    });

    it('does not show the consultant a booking nobody paid for yet', async () => {
      await people.consultant.agent.get(`/api/bookings/${created.booking.id}`).expect(404);
      await people.consultant.agent.get(`/api/bookings/${created.booking.id}/pet`).expect(404);
      expect(await consultantSees(people)).not.toContain(created.booking.id);
    });

    it('nor a hold its owner gave up before paying: not the booking, the owner, the pet or the payment', async () => {
      const slot = await firstSlot(people, { fromMinutes: 4 * 24 * 60 });
      const abandoned = await book(people, slot.startsAt);
      expect((await people.owner.agent.post(`/api/bookings/${abandoned.booking.id}/cancel`).set(people.owner.csrf).expect(200)).body).toMatchObject({ status: 'cancelled' });
      await people.consultant.agent.get(`/api/bookings/${abandoned.booking.id}`).expect(404);
      await people.consultant.agent.get(`/api/bookings/${abandoned.booking.id}/payment`).expect(404);
      expect(await consultantSees(people)).not.toContain(abandoned.booking.id);
      expect(await row(abandoned.booking.id)).toMatchObject({ status: 'cancelled', requested_at: null });
    });

    it('turns into a request for the consultant once the verified webhook says it is paid, and both are told by email', async () => {
      await pay(created);
      const paid = await booking(people, created.booking.id);
      expect(paid).toMatchObject({ status: 'pending_acceptance', holdExpiresAt: null, payment: { status: 'succeeded', amount: 4500, amountRefunded: 0 } });
      expect((await row(created.booking.id)).requested_at).toBeInstanceOf(Date);
      await sendMail();
      const aboutThePet = (mail: CapturedMail) => (mail.parsed.text ?? '').includes(people.pet.name);
      const toConsultant = await mailTo(people.consultant.email, aboutThePet);
      const toOwner = await mailTo(people.owner.email, aboutThePet);
      expect(toConsultant.parsed.text).toContain(people.pet.name);
      expect(toOwner.parsed.text ?? '').not.toContain('Scratching');
    });

    it('shows the consultant the owner’s name, country and time zone and the pet, nothing else', async () => {
      const seen = await booking(people, created.booking.id, 'consultant');
      expect(seen.myRole).toBe('consultant');
      expect(Object.keys(seen.owner).sort()).toEqual(['country', 'displayName', 'id', 'timeZone']);
      expect(JSON.stringify(seen)).not.toContain(people.owner.email);
      expect(seen.pet).toEqual({ id: people.pet.id, name: people.pet.name, species: 'cat' });
      await people.consultant.agent.get(`/api/pets/${people.pet.id}`).expect(404);
      const record = (await people.consultant.agent.get(`/api/bookings/${created.booking.id}/pet`).expect(200)).body as { id: string; name: string };
      expect(record).toMatchObject({ id: people.pet.id, name: people.pet.name });
    });

    it('lets only the consultant, acting in the booking’s clinic, accept; accepting makes the consultation and mails both an .ics', async () => {
      expect(await refusal(people.owner.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.owner.csrf))).toBe(`403 ${ErrorCode.Forbidden}`);
      expect(await refusal(people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.csrf))).toBe(`403 ${ErrorCode.Forbidden}`);
      const accepted = (await people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.inClinic).expect(200)).body as BookingView;
      expect(accepted.status).toBe('confirmed');
      expect(accepted.consultationId).toEqual(expect.any(String));
      const consultation = (await people.owner.agent.get(`/api/consultations/${accepted.consultationId}`).expect(200)).body as ConsultationView;
      expect(consultation).toMatchObject({ status: 'scheduled', startsAt: accepted.startsAt, endsAt: accepted.endsAt, pet: { id: people.pet.id } });
      // The room's times come with the booking, as the consultation states them, for both sides.
      expect(created.booking).toMatchObject({ joinOpensAt: null, joinClosesAt: null });
      expect(accepted).toMatchObject({ joinOpensAt: consultation.joinOpensAt, joinClosesAt: consultation.joinClosesAt });
      expect(Date.parse(consultation.joinOpensAt)).toBe(Date.parse(accepted.startsAt) - 15 * 60_000);
      expect(await booking(people, created.booking.id)).toMatchObject({ joinOpensAt: consultation.joinOpensAt, joinClosesAt: consultation.joinClosesAt });
      expect(await refusal(people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.inClinic))).toBe(`409 ${ErrorCode.BookingState}`);

      await sendMail();
      for (const address of [people.owner.email, people.consultant.email]) {
        const mail = await mailTo(address, withCalendar);
        const calendar = mail.parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
        expect(calendar?.content.toString('utf8')).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*END:VEVENT/);
      }
    });

    it('processes a replayed webhook once: no second request, no second email', async () => {
      const before = await outbox(created.booking.id);
      // The first payment of this app: the describe blocks run in order.
      const succeeded = fake.deliveries.find((delivery) => delivery.type === 'payment_intent.succeeded' && delivery.status === 200);
      expect(succeeded).toBeDefined();
      await fake.redeliver(succeeded!.eventId);
      await fake.idle();
      expect(await outbox(created.booking.id)).toEqual(before);
      expect((await booking(people, created.booking.id)).status).toBe('confirmed');
    });
  });

  describe('my bookings, a page at a time', () => {
    let people: BookablePeople;
    const byDay: string[] = [];

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      // One booking on each of five days: the 1st, 3rd and 5th paid, the 2nd and 4th holds the owner gave up.
      for (let day = 0; day < 5; day += 1) {
        const created = await book(people, (await firstSlot(people, { fromMinutes: (2 + day) * 24 * 60 })).startsAt);
        if (day % 2 === 0) await pay(created);
        else await people.owner.agent.post(`/api/bookings/${created.booking.id}/cancel`).set(people.owner.csrf).expect(200);
        byDay.push(created.booking.id);
      }
    });

    it('pages the owner’s upcoming bookings soonest first, and the rest latest first', async () => {
      const first = (await people.owner.agent.get('/api/bookings').query({ as: 'owner', period: 'upcoming', limit: 2 }).expect(200)).body as BookingListPage;
      expect(first.items.map((item) => item.id)).toEqual([byDay[0], byDay[2]]);
      expect(first.items.every((item) => item.myRole === 'owner' && item.status === 'pending_acceptance')).toBe(true);
      const second = (await people.owner.agent.get('/api/bookings').query({ as: 'owner', period: 'upcoming', limit: 2, cursor: first.nextCursor }).expect(200)).body as BookingListPage;
      expect(second).toMatchObject({ items: [{ id: byDay[4] }], nextCursor: null });
      expect(await listed(people, 'owner', { as: 'owner', period: 'past', limit: 1 })).toEqual([byDay[3], byDay[1]]);
    });

    it('lists for the consultant, in the clinic asked for, only what became a request to them', async () => {
      expect(await listed(people, 'consultant', { as: 'consultant', period: 'upcoming', clinicId: people.clinicId, limit: 2 })).toEqual([byDay[0], byDay[2], byDay[4]]);
      expect(await listed(people, 'consultant', { as: 'consultant', period: 'past', clinicId: people.clinicId })).toEqual([]);
      expect(await listed(people, 'consultant', { as: 'consultant', period: 'upcoming', clinicId: randomUUID() })).toEqual([]);
      expect(await listed(people, 'consultant', { as: 'owner', period: 'upcoming' })).toEqual([]);
      expect(await listed(people, 'owner', { as: 'consultant', period: 'upcoming' })).toEqual([]);
    });

    it('refuses a list it cannot tell, a limit out of range and a cursor of another list, with VALIDATION_FAILED', async () => {
      const first = (await people.owner.agent.get('/api/bookings').query({ as: 'owner', period: 'upcoming', limit: 1 }).expect(200)).body as BookingListPage;
      for (const query of [
        {},
        { as: 'owner' },
        { as: 'vet', period: 'upcoming' },
        { as: 'owner', period: 'soon' },
        { as: 'owner', period: 'upcoming', limit: 0 },
        { as: 'owner', period: 'upcoming', limit: 101 },
        { as: 'owner', period: 'upcoming', clinicId: 'not-a-clinic' },
        { as: 'owner', period: 'upcoming', cursor: 'forged' },
        { as: 'owner', period: 'past', cursor: first.nextCursor ?? '' },
        { as: 'consultant', period: 'upcoming', cursor: first.nextCursor ?? '' },
      ]) {
        expect(await refusal(people.owner.agent.get('/api/bookings').query(query))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      }
    });
  });

  describe('resuming a payment in another tab or on another device', () => {
    it('hands the owner the same PaymentIntent again while the booking is held, and nobody else anything', async () => {
      const people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const stranger = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const created = await book(people, (await firstSlot(people, { fromMinutes: 3 * 24 * 60 })).startsAt);
      const paymentPath = `/api/bookings/${created.booking.id}/payment`;
      const resumed = (await people.owner.agent.get(paymentPath).expect(200)).body as BookingPaymentStart;
      expect(resumed).toEqual(created.payment);
      expect((await people.owner.agent.get(paymentPath).expect(200)).body).toEqual(created.payment);
      expect((await db.query('SELECT count(*)::int AS n FROM payments WHERE booking_id = $1', [created.booking.id])).rows[0].n).toBe(1);
      // The consultant does not see an unpaid booking at all; a stranger never does.
      expect(await refusal(people.consultant.agent.get(paymentPath))).toBe(`404 ${ErrorCode.NotFound}`);
      expect(await refusal(stranger.owner.agent.get(paymentPath))).toBe(`404 ${ErrorCode.NotFound}`);
      await people.owner.agent.get('/api/bookings/not-a-uuid/payment').expect(400);

      // A declined card leaves it held: the form comes back, with the reason of the failure on the booking.
      await pay(created, TEST_PAYMENT_METHODS.declined);
      const afterDecline = await booking(people, created.booking.id);
      expect(afterDecline).toMatchObject({ status: 'held', payment: { status: 'requires_payment', lastFailureCode: 'card_declined' } });
      expect((await people.owner.agent.get(paymentPath).expect(200)).body).toEqual(created.payment);

      await pay(created);
      expect(await refusal(people.owner.agent.get(paymentPath))).toBe(`409 ${ErrorCode.BookingState}`);
      expect(await refusal(people.consultant.agent.get(paymentPath))).toBe(`409 ${ErrorCode.BookingState}`);
      expect(await refusal(stranger.owner.agent.get(paymentPath))).toBe(`404 ${ErrorCode.NotFound}`);
    });

    it('refuses once the hold has run out, before any sweep', async () => {
      const people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const created = await book(people, (await firstSlot(people, { fromMinutes: 3 * 24 * 60 })).startsAt);
      expect((await booking(people, created.booking.id)).payment).toMatchObject({ status: 'requires_payment', lastFailureCode: null });
      await db.query(`UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [created.booking.id]);
      expect(await refusal(people.owner.agent.get(`/api/bookings/${created.booking.id}/payment`))).toBe(`409 ${ErrorCode.BookingState}`);
    });
  });

  describe('photos shared for a booking', () => {
    it('lets the booking’s consultant see the shared photo once the booking is paid, and nobody else', async () => {
      const people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const stranger = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const photo = (
        await people.owner.agent.post(`/api/pets/${people.pet.id}/attachments`).set(people.owner.csrf).field('kind', 'photo').attach('file', PNG, { filename: 'ear.png', contentType: 'image/png' }).expect(201)
      ).body as { id: string };
      const created = await book(people, (await firstSlot(people, { fromMinutes: 3 * 24 * 60 })).startsAt, { photoAttachmentIds: [photo.id] });
      expect(created.booking.photos).toEqual([{ id: photo.id, fileName: 'ear.png', contentType: 'image/png' }]);
      const photoUrl = `/api/bookings/${created.booking.id}/photos/${photo.id}`;
      await people.consultant.agent.get(photoUrl).expect(404);
      await pay(created);
      const seen = await booking(people, created.booking.id, 'consultant');
      expect(seen.photos.map((p) => p.id)).toEqual([photo.id]);
      const download = await people.consultant.agent.get(photoUrl).buffer(true).expect(200);
      expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
      await stranger.consultant.agent.get(photoUrl).expect(404);
      await people.consultant.agent.get(`/api/pets/${people.pet.id}/attachments/${photo.id}/content`).expect(404);
    });
  });

  describe('refusals', () => {
    let people: BookablePeople;
    let other: BookablePeople;

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      other = await newPeople(mailApp.testApp);
    });

    it('answers a taken slot SLOT_TAKEN, a time that is no slot SLOT_UNAVAILABLE, and bad input with a code', async () => {
      const slot = await firstSlot(people, { fromMinutes: 2 * 24 * 60 });
      await book(people, slot.startsAt);
      const someoneElse = { ...people, owner: other.owner, pet: other.pet };
      expect(await refusal(requestBooking(someoneElse, slot.startsAt))).toBe(`409 ${ErrorCode.SlotTaken}`);
      const offGrid = new Date(Date.parse(slot.startsAt) + 24 * 3_600_000 + 7 * 60_000).toISOString();
      expect(await refusal(requestBooking(people, offGrid))).toBe(`409 ${ErrorCode.SlotUnavailable}`);
      const tooFar = new Date(Date.now() + 90 * 24 * 3_600_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z');
      expect(await refusal(requestBooking(people, tooFar))).toBe(`409 ${ErrorCode.SlotUnavailable}`);
      expect(await refusal(requestBooking(people, slot.startsAt, { durationMinutes: 45 }))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      expect(await refusal(requestBooking(people, slot.startsAt, { petId: other.pet.id }))).toBe(`404 ${ErrorCode.NotFound}`);
      expect(await refusal(requestBooking(people, slot.startsAt, { consultantId: other.consultant.userId }))).toBe(`404 ${ErrorCode.NotFound}`);
      expect(await refusal(requestBooking(people, slot.startsAt, { reason: '' }))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      expect(await refusal(requestBooking(people, 'tomorrow at noon'))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      expect(await refusal(requestBooking(people, slot.startsAt, { photoAttachmentIds: [people.pet.id] }))).toBe(`400 ${ErrorCode.ValidationFailed}`);
    });

    it('lets exactly one of 200 simultaneous requests for one slot through; the other 199 are told SLOT_TAKEN', async () => {
      const slot = await firstSlot(people, { fromMinutes: 4 * 24 * 60 });
      const answers = await Promise.all(Array.from({ length: 200 }, () => requestBooking(people, slot.startsAt).then((response) => `${response.status} ${response.body.code ?? ''}`.trim())));
      const counts = answers.reduce<Record<string, number>>((tally, answer) => ({ ...tally, [answer]: (tally[answer] ?? 0) + 1 }), {});
      expect(counts).toEqual({ '201': 1, [`409 ${ErrorCode.SlotTaken}`]: 199 });
      const holds = await db.query(`SELECT count(*)::int AS n FROM bookings WHERE consultant_id = $1 AND starts_at = $2 AND status = 'held'`, [people.consultant.userId, slot.startsAt]);
      expect(holds.rows[0].n).toBe(1);
    });
  });

  describe('declining, cancelling and the refund policy', () => {
    let people: BookablePeople;

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
    });

    const paidBooking = async (fromMinutes: number) => {
      const created = await book(people, (await firstSlot(people, { fromMinutes })).startsAt);
      await pay(created);
      return created.booking.id;
    };
    const confirmedBooking = async (fromMinutes: number) => {
      const id = await paidBooking(fromMinutes);
      await people.consultant.agent.post(`/api/bookings/${id}/accept`).set(people.consultant.inClinic).expect(200);
      return id;
    };

    it('refunds a declined request in full, and records the refund the webhook confirmed', async () => {
      const id = await paidBooking(5 * 24 * 60);
      const declined = (await people.consultant.agent.post(`/api/bookings/${id}/decline`).set(people.consultant.inClinic).expect(200)).body as BookingView;
      expect(declined.status).toBe('declined');
      await fake.idle();
      const seen = await booking(people, id);
      expect(seen.payment).toMatchObject({ status: 'refunded', amountRefunded: 4500, refunds: [{ amount: 4500, status: 'succeeded', reason: 'declined' }] });
      expect((await outbox(id)).map((n) => n.kind)).toEqual(expect.arrayContaining(['booking_declined', 'refund_issued']));
    });

    it('refunds an owner who cancels before the notice in full, and one who cancels later not at all', async () => {
      const early = await confirmedBooking(3 * 24 * 60);
      const cancelled = (await people.owner.agent.post(`/api/bookings/${early}/cancel`).set(people.owner.csrf).expect(200)).body as BookingView;
      expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'owner', refundAmount: 4500 } });
      await fake.idle();
      expect((await booking(people, early)).payment).toMatchObject({ status: 'refunded', amountRefunded: 4500 });
      const consultation = (await people.owner.agent.get(`/api/consultations/${cancelled.consultationId}`).expect(200)).body as ConsultationView;
      expect(consultation.status).toBe('cancelled');

      const late = await confirmedBooking(120);
      const lateView = await booking(people, late);
      expect(lateView.policy).toMatchObject({ canCancel: true, canReschedule: false });
      const lateCancel = (await people.owner.agent.post(`/api/bookings/${late}/cancel`).set(people.owner.csrf).expect(200)).body as BookingView;
      expect(lateCancel.cancellation).toMatchObject({ by: 'owner', refundAmount: 0 });
      await fake.idle();
      expect((await booking(people, late)).payment).toMatchObject({ status: 'succeeded', amountRefunded: 0, refunds: [] });

      // Stripe announcing the payment again (a retry after a failed listener) must not undo the policy.
      expect(await mailApp.testApp.app.get(BookingConfirmation).paymentSettled(late, people.owner.userId)).toBe('already_settled');
      await fake.idle();
      expect((await booking(people, late)).payment).toMatchObject({ amountRefunded: 0, refunds: [] });
    });

    it('asks again for a refund that was decided but never reached the provider, once', async () => {
      const id = await confirmedBooking(4 * 24 * 60);
      // As if the process stopped between committing the cancellation and asking Stripe for the refund.
      await db.query(
        `UPDATE bookings SET status = 'cancelled', cancelled_by = 'consultant', cancelled_at = now(), refund_amount = price_amount, updated_at = now() - interval '2 minutes' WHERE id = $1`,
        [id],
      );
      expect((await sweep()).refundsRetried).toEqual([id]);
      await fake.idle();
      expect((await booking(people, id)).payment).toMatchObject({ status: 'refunded', amountRefunded: 4500, refunds: [{ reason: 'cancelled_by_consultant', status: 'succeeded' }] });
      expect((await sweep()).refundsRetried).toEqual([]);
    });

    it('always refunds a consultant’s cancellation', async () => {
      const id = await confirmedBooking(90);
      const cancelled = (await people.consultant.agent.post(`/api/bookings/${id}/cancel`).set(people.consultant.csrf).expect(200)).body as BookingView;
      expect(cancelled.cancellation).toMatchObject({ by: 'consultant', refundAmount: 4500 });
      await fake.idle();
      expect((await booking(people, id)).payment).toMatchObject({ status: 'refunded', amountRefunded: 4500 });
      expect(await refusal(people.owner.agent.post(`/api/bookings/${id}/cancel`).set(people.owner.csrf))).toBe(`409 ${ErrorCode.BookingState}`);
    });
  });

  describe('rescheduling', () => {
    let people: BookablePeople;

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
    });

    it('moves a confirmed booking and its consultation to another free slot, and refuses a taken one', async () => {
      const created = await book(people, (await firstSlot(people, { fromMinutes: 6 * 24 * 60 })).startsAt);
      await pay(created);
      const accepted = (await people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.inClinic).expect(200)).body as BookingView;
      const later = (await slotsOf(people, { fromMinutes: 7 * 24 * 60 })).slots[4];
      const moved = (await people.owner.agent.post(`/api/bookings/${created.booking.id}/reschedule`).set(people.owner.csrf).send({ startsAt: later.startsAt }).expect(200)).body as BookingView;
      expect(moved).toMatchObject({ status: 'confirmed', startsAt: later.startsAt, endsAt: later.endsAt, consultationId: accepted.consultationId });
      const consultation = (await people.owner.agent.get(`/api/consultations/${accepted.consultationId}`).expect(200)).body as ConsultationView;
      expect(consultation.startsAt).toBe(later.startsAt);
      expect(moved).toMatchObject({ joinOpensAt: consultation.joinOpensAt, joinClosesAt: consultation.joinClosesAt });
      expect((await row(created.booking.id)).blocked_from.toISOString()).toBe(new Date(Date.parse(later.startsAt) - 10 * 60_000).toISOString());

      // Its own old time is free again; the slot right next to the new one is inside its buffers.
      const other = await book(people, created.booking.startsAt);
      expect(other.booking.status).toBe('held');
      const adjacent = new Date(Date.parse(later.endsAt)).toISOString();
      expect(await refusal(people.owner.agent.post(`/api/bookings/${created.booking.id}/reschedule`).set(people.owner.csrf).send({ startsAt: created.booking.startsAt }))).toBe(
        `409 ${ErrorCode.SlotTaken}`,
      );
      expect(await refusal(requestBooking(people, adjacent))).toMatch(/^409 SLOT_(TAKEN|UNAVAILABLE)$/);
      expect((await outbox(created.booking.id)).map((n) => n.kind)).toContain('booking_rescheduled');
    });
  });

  describe('free times to move a booking to', () => {
    let people: BookablePeople;
    let stranger: BookablePeople;
    let bookingId: string;
    let startsAt: string;
    const range = (from: string) => ({ from: new Date(Date.parse(from) - 3 * 3_600_000).toISOString(), to: new Date(Date.parse(from) + 3 * 3_600_000).toISOString(), timeZone: 'UTC' });
    const rescheduleSlots = (as: BookablePeople['owner'], query: Record<string, string>) => as.agent.get(`/api/bookings/${bookingId}/reschedule-slots`).query(query);

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
      stranger = await createBookablePeople(mailApp.testApp, { stripe: fake });
      const created = await book(people, (await firstSlot(people, { fromMinutes: 13 * 24 * 60 })).startsAt);
      await pay(created);
      await people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.inClinic).expect(200);
      bookingId = created.booking.id;
      startsAt = created.booking.startsAt;
    });

    it('counts the booking’s own time (and its buffers) as free for its owner and its consultant, and only for them', async () => {
      const publicSlots = (
        await people.owner.agent.get(`/api/consultants/${people.consultant.userId}/slots`).query({ ...range(startsAt), durationMinutes: 30 }).expect(200)
      ).body as ConsultantSlotsView;
      expect(publicSlots.slots.map((slot) => slot.startsAt)).not.toContain(startsAt);
      for (const who of [people.owner, people.consultant]) {
        const view = (await rescheduleSlots(who, range(startsAt)).expect(200)).body as ConsultantSlotsView;
        expect(view).toMatchObject({ consultantId: people.consultant.userId, durationMinutes: 30, priceAmount: DEFAULT_PRICE.priceAmount, timeZone: 'UTC' });
        expect(view.slots.map((slot) => slot.startsAt)).toContain(startsAt);
        // Its buffers no longer push the neighbouring times away either.
        expect(view.slots.length).toBeGreaterThan(publicSlots.slots.length);
      }
      expect(await refusal(rescheduleSlots(stranger.owner, range(startsAt)))).toBe(`404 ${ErrorCode.NotFound}`);
      expect(await refusal(rescheduleSlots(stranger.consultant, range(startsAt)))).toBe(`404 ${ErrorCode.NotFound}`);
      await request(url()).get(`/api/bookings/${bookingId}/reschedule-slots`).query(range(startsAt)).expect(401);
    });

    it('validates the range, and refuses a booking that can no longer move', async () => {
      expect(await refusal(rescheduleSlots(people.owner, { ...range(startsAt), timeZone: 'Mars/Olympus' }))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      expect(await refusal(rescheduleSlots(people.owner, { from: startsAt, to: startsAt, timeZone: 'UTC' }))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      expect(await refusal(rescheduleSlots(people.owner, { from: startsAt, timeZone: 'UTC' }))).toBe(`400 ${ErrorCode.ValidationFailed}`);
      await people.owner.agent.post(`/api/bookings/${bookingId}/cancel`).set(people.owner.csrf).expect(200);
      expect(await refusal(rescheduleSlots(people.owner, range(startsAt)))).toBe(`409 ${ErrorCode.BookingState}`);
    });
  });

  describe('holds that lapse, requests nobody answers, and late payments', () => {
    let people: BookablePeople;

    beforeAll(async () => {
      people = await createBookablePeople(mailApp.testApp, { stripe: fake });
    });
    const lapse = (id: string) => db.query(`UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);

    it('frees a lapsed hold and cancels its unpaid PaymentIntent', async () => {
      const created = await book(people, (await firstSlot(people, { fromMinutes: 8 * 24 * 60 })).startsAt);
      await lapse(created.booking.id);
      const swept = await sweep();
      expect(swept.expiredHolds).toContain(created.booking.id);
      expect((await booking(people, created.booking.id)).status).toBe('expired');
      expect((await stripe.paymentIntents.retrieve(paymentIntentOf(created))).status).toBe('canceled');
      expect((await book(people, created.booking.startsAt)).booking.status).toBe('held');
    });

    it('takes a late payment when the time is still free, and refunds it in full when someone else took it', async () => {
      const revived = await book(people, (await firstSlot(people, { fromMinutes: 9 * 24 * 60 })).startsAt);
      await lapse(revived.booking.id);
      await pay(revived);
      expect((await booking(people, revived.booking.id)).status).toBe('pending_acceptance');

      const lost = await book(people, (await firstSlot(people, { fromMinutes: 10 * 24 * 60 })).startsAt);
      await lapse(lost.booking.id);
      const taker = await book(people, lost.booking.startsAt);
      expect(taker.booking.status).toBe('held');
      await pay(lost);
      await fake.idle();
      const seen = await booking(people, lost.booking.id);
      expect(seen.status).toBe('expired');
      expect(seen.payment).toMatchObject({ status: 'refunded', amountRefunded: 4500, refunds: [{ reason: 'slot_lost', status: 'succeeded' }] });
    });

    it('refunds a late payment for a time the consultant has since taken off', async () => {
      const created = await book(people, (await firstSlot(people, { fromMinutes: 13 * 24 * 60 })).startsAt);
      await lapse(created.booking.id);
      await people.consultant.agent
        .post(`/api/clinics/${people.clinicId}/consultant-profile/time-off`)
        .set(people.consultant.inClinic)
        .send({ startsAt: created.booking.startsAt, endsAt: created.booking.endsAt })
        .expect(201);
      await pay(created);
      await fake.idle();
      const seen = await booking(people, created.booking.id);
      expect(seen.status).toBe('expired');
      expect(seen.payment).toMatchObject({ status: 'refunded', refunds: [{ reason: 'slot_lost', status: 'succeeded' }] });
    });

    it('declines and refunds a request still unanswered at its start', async () => {
      const created = await book(people, (await firstSlot(people, { fromMinutes: 11 * 24 * 60 })).startsAt);
      await pay(created);
      await db.query(`UPDATE bookings SET starts_at = now() - interval '1 minute', ends_at = now() + interval '29 minutes', blocked_from = now() - interval '11 minutes', blocked_until = now() + interval '39 minutes' WHERE id = $1`, [
        created.booking.id,
      ]);
      expect((await sweep()).declinedUnanswered).toEqual([created.booking.id]);
      await fake.idle();
      expect(await booking(people, created.booking.id)).toMatchObject({ status: 'declined', payment: { status: 'refunded' } });
      expect((await sweep()).declinedUnanswered).toEqual([]);
    });

    it('records a no-show when the consultation’s window closes without it starting', async () => {
      const created = await book(people, (await firstSlot(people, { fromMinutes: 12 * 24 * 60 })).startsAt);
      await pay(created);
      const accepted = (await people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.inClinic).expect(200)).body as BookingView;
      await db.query(`UPDATE consultations SET starts_at = now() - interval '3 hours', ends_at = now() - interval '150 minutes' WHERE id = $1`, [accepted.consultationId]);
      await mailApp.testApp.app.get(ConsultationSweep).sweep();
      expect((await booking(people, created.booking.id)).status).toBe('no_show');
    });
  });

  describe('auto-accept', () => {
    it('confirms a paid booking at once, consultation included', async () => {
      const people = await createBookablePeople(mailApp.testApp, { autoAccept: true, stripe: fake });
      const created = await book(people, (await firstSlot(people, { fromMinutes: 2 * 24 * 60 })).startsAt);
      await pay(created);
      const seen = await booking(people, created.booking.id);
      expect(seen.status).toBe('confirmed');
      expect(seen.consultationId).toEqual(expect.any(String));
      expect((await outbox(created.booking.id)).map((n) => n.kind)).not.toContain('booking_requested');
    });

    it('leaves a declined card’s hold in place so the owner can try another card', async () => {
      const people = await createBookablePeople(mailApp.testApp, { autoAccept: true, stripe: fake });
      const created = await book(people, (await firstSlot(people, { fromMinutes: 2 * 24 * 60 })).startsAt);
      await pay(created, TEST_PAYMENT_METHODS.declined);
      expect((await booking(people, created.booking.id)).status).toBe('held');
      await pay(created);
      expect((await booking(people, created.booking.id)).status).toBe('confirmed');
    });
  });
});
