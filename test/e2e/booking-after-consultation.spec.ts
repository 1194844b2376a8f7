import { ErrorCode, RoomRequest, type BookingView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { book, createBookablePeople, firstSlot, type BookablePeople } from '../support/bookings';
import { idsOnEveryPage } from '../support/paged-lists';
import { connectRoomClient, cookieHeaderOf, roomCall, type RoomClient } from '../support/room-client';
import { startTestApp, type TestApp } from '../support/test-app';

type Side = 'owner' | 'consultant';
type Answer = { status: number; body: { code?: string; message?: string } };

const refusedState = `409 ${ErrorCode.ConsultationState}`;

/**
 * A booked consultation's room opens before the booked start, so its call can begin, and even
 * end, while the booking's own time is still ahead. From then on the booking is what took
 * place: it lists as past once the call is over, carries the call's status and actual times,
 * and nobody moves or cancels it (CONSULTATION_STATE, with nothing changed and nothing mailed).
 */
describe('a booking after its consultation', () => {
  let testApp: TestApp;
  let db: Client;
  const sockets: RoomClient[] = [];

  const view = async (people: BookablePeople, id: string, as: Side = 'owner') =>
    (await people[as].agent.get(`/api/bookings/${id}`).expect(200)).body as BookingView;
  const listed = (people: BookablePeople, as: Side, period: 'upcoming' | 'past') => {
    const query: Record<string, string> = { as, period };
    if (as === 'consultant') query.clinicId = people.clinicId;
    return idsOnEveryPage(people[as].agent, '/api/bookings', query);
  };
  const notices = async (id: string) => {
    const rows = await db.query<{ kind: string }>('SELECT kind FROM booking_notifications WHERE booking_id = $1', [id]);
    return rows.rows.map((row) => row.kind);
  };
  /** What the database holds of the booking and its consultation, to show that a refusal changed nothing. */
  const stored = async (id: string) => {
    const rows = await db.query(
      `SELECT b.status, b.starts_at, b.ends_at, b.cancelled_at, c.status AS consultation_status,
              c.starts_at AS consultation_starts_at, c.started_at, c.ended_at
         FROM bookings b JOIN consultations c ON c.id = b.consultation_id WHERE b.id = $1`,
      [id],
    );
    return rows.rows[0] as Record<string, unknown>;
  };
  const refusal = async (response: PromiseLike<Answer>) => {
    const answered = await response;
    return `${answered.status} ${answered.body.code}`;
  };
  const payAndConfirm = async (people: BookablePeople, bookingId: string) => {
    const payment = people.owner.agent.post(`/api/bookings/${bookingId}/test-payment`).set(people.owner.csrf);
    await payment.send({ outcome: 'succeeded' }).expect(200);
    return view(people, bookingId);
  };
  const moveBy = (people: BookablePeople, bookingId: string, startsAt: string) =>
    people.consultant.agent
      .post(`/api/bookings/${bookingId}/reschedule`)
      .set(people.consultant.inClinic)
      .send({ startsAt });

  /** A confirmed, paid booking of the consultant's soonest slot (its room is already open), both people in its call. */
  const bookedAndInTheCall = async () => {
    const people = await createBookablePeople(testApp, { autoAccept: true });
    const created = await book(people, (await firstSlot(people, { fromMinutes: 1 })).startsAt);
    const booking = await payAndConfirm(people, created.booking.id);
    expect(booking.status).toBe('confirmed');
    expect(booking.consultation).toEqual({ status: 'scheduled', startedAt: null, endedAt: null });
    expect(Date.parse(booking.startsAt)).toBeGreaterThan(Date.now());
    const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(people.owner.agent));
    const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(people.consultant.agent));
    sockets.push(owner, consultant);
    await roomCall(owner, RoomRequest.Join, { consultationId: booking.consultationId });
    await roomCall(consultant, RoomRequest.Join, { consultationId: booking.consultationId });
    await roomCall(consultant, RoomRequest.Admit, { userId: people.owner.userId });
    return { people, booking, consultant };
  };

  /** Every change either side could ask for, each refused CONSULTATION_STATE. */
  const expectEveryChangeRefused = async (people: BookablePeople, booking: BookingView, later: string) => {
    const base = `/api/bookings/${booking.id}`;
    const to = new Date(Date.parse(booking.startsAt) + 2 * 86_400_000).toISOString();
    const range = { from: booking.startsAt, to, timeZone: 'UTC' };
    for (const [who, headers] of [
      [people.owner, people.owner.csrf],
      [people.consultant, people.consultant.inClinic],
    ] as const) {
      const move = who.agent.post(`${base}/reschedule`).set(headers).send({ startsAt: later });
      expect(await refusal(move)).toBe(refusedState);
      expect(await refusal(who.agent.post(`${base}/cancel`).set(headers))).toBe(refusedState);
      expect(await refusal(who.agent.get(`${base}/reschedule-slots`).query(range))).toBe(refusedState);
    }
  };

  beforeAll(async () => {
    testApp = await startTestApp({
      TRUST_PROXY: 'loopback',
      CONSULTATION_JOIN_OPENS_MINUTES: '60',
      // No notice needed for an owner's free change: only the consultation's state can refuse it.
      BOOKING_FULL_REFUND_NOTICE_HOURS: '0',
    });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  it('lists an ended call’s booking as past for both, with its status and times, and refuses any change', async () => {
    const { people, booking, consultant } = await bookedAndInTheCall();
    expect(await listed(people, 'owner', 'upcoming')).toContain(booking.id);
    await roomCall(consultant, RoomRequest.End);

    for (const as of ['owner', 'consultant'] as const) {
      expect(await listed(people, as, 'upcoming')).not.toContain(booking.id);
      expect(await listed(people, as, 'past')).toContain(booking.id);
      const seen = await view(people, booking.id, as);
      expect(seen).toMatchObject({ status: 'confirmed', startsAt: booking.startsAt });
      expect(seen.policy).toMatchObject({ canCancel: false, canReschedule: false });
      const times = { startedAt: expect.any(String), endedAt: expect.any(String) };
      expect(seen.consultation).toEqual({ status: 'ended', ...times });
      const startedAt = Date.parse(seen.consultation?.startedAt ?? '');
      const endedAt = Date.parse(seen.consultation?.endedAt ?? '');
      expect(endedAt).toBeGreaterThanOrEqual(startedAt);
      // The call took place before the booked start: the room opened early.
      expect(endedAt).toBeLessThan(Date.parse(booking.startsAt));
    }

    const before = await stored(booking.id);
    expect(before).toMatchObject({ status: 'confirmed', consultation_status: 'ended', cancelled_at: null });
    const later = (await firstSlot(people, { fromMinutes: 24 * 60 })).startsAt;
    await expectEveryChangeRefused(people, booking, later);
    const refused = await moveBy(people, booking.id, later);
    expect(refused.body.message).toBe('The consultation of this booking has ended: it can no longer be moved.');
    expect(await stored(booking.id)).toEqual(before);
    expect(await notices(booking.id)).not.toContain('booking_rescheduled');
    expect(await notices(booking.id)).not.toContain('booking_cancelled');
    expect((await view(people, booking.id)).payment).toMatchObject({ status: 'succeeded', amountRefunded: 0 });
  });

  it('keeps a call in progress among the upcoming, with when it started, and refuses any change', async () => {
    const { people, booking } = await bookedAndInTheCall();
    const seen = await view(people, booking.id, 'consultant');
    expect(seen.consultation).toEqual({ status: 'in_progress', startedAt: expect.any(String), endedAt: null });
    expect(seen.policy).toMatchObject({ canCancel: false, canReschedule: false });
    expect(await listed(people, 'consultant', 'upcoming')).toContain(booking.id);

    const before = await stored(booking.id);
    await expectEveryChangeRefused(people, booking, (await firstSlot(people, { fromMinutes: 24 * 60 })).startsAt);
    expect(await stored(booking.id)).toEqual(before);
    expect(await notices(booking.id)).not.toContain('booking_rescheduled');

    // Running past its booked end it is still on (its room can be rejoined), until it ends.
    await db.query(
      `UPDATE bookings SET starts_at = now() - interval '40 minutes', ends_at = now() - interval '10 minutes',
         blocked_from = now() - interval '50 minutes', blocked_until = now() WHERE id = $1`,
      [booking.id],
    );
    expect(await listed(people, 'owner', 'upcoming')).toContain(booking.id);
    expect(await listed(people, 'owner', 'past')).not.toContain(booking.id);
  });

  it('decides a move racing the room’s start under the consultation’s row lock: waits, then refuses', async () => {
    const people = await createBookablePeople(testApp, { autoAccept: true });
    const created = await book(people, (await firstSlot(people, { fromMinutes: 3 * 60 })).startsAt);
    const { consultationId } = await payAndConfirm(people, created.booking.id);
    const later = (await firstSlot(people, { fromMinutes: 24 * 60 })).startsAt;

    // The room admits the owner in another transaction, which has not committed yet.
    const room = new Client({ connectionString: testApp.database.url });
    await room.connect();
    try {
      await room.query('BEGIN');
      const admit = `UPDATE consultations SET status = 'in_progress', started_at = now() WHERE id = $1`;
      await room.query(admit, [consultationId]);
      const move = moveBy(people, created.booking.id, later).then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await room.query('COMMIT');
      expect(await refusal(move)).toBe(refusedState);
    } finally {
      await room.end();
    }
    const after = await stored(created.booking.id);
    expect(after).toMatchObject({ consultation_status: 'in_progress', starts_at: new Date(created.booking.startsAt) });
    expect(await notices(created.booking.id)).not.toContain('booking_rescheduled');
  });
  it('refuses to cancel a booked consultation on its own: the booking stays as it was, and says where to cancel', async () => {
    const people = await createBookablePeople(testApp, { autoAccept: true });
    const created = await book(people, (await firstSlot(people, { fromMinutes: 3 * 60 })).startsAt);
    const { consultationId } = await payAndConfirm(people, created.booking.id);
    const consultation = await people.owner.agent.get(`/api/consultations/${consultationId}`).expect(200);
    expect(consultation.body.bookingId).toBe(created.booking.id);

    const before = await stored(created.booking.id);
    for (const [who, headers] of [
      [people.owner, people.owner.csrf],
      [people.consultant, people.consultant.csrf],
    ] as const) {
      const cancel = who.agent.post(`/api/consultations/${consultationId}/cancel`).set(headers);
      const answered = await cancel;
      expect(`${answered.status} ${answered.body.code}`).toBe(refusedState);
      expect(answered.body.message).toContain('cancel the booking instead');
    }
    expect(await stored(created.booking.id)).toEqual(before);
    expect((await view(people, created.booking.id)).payment).toMatchObject({ status: 'succeeded', amountRefunded: 0 });
  });
});
