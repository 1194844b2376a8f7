import { CONSULTATION_INVITATION_SENT_MESSAGE, ErrorCode, type BookingView, type ConsultationListPage, type ConsultationView } from '@vetmeet/contracts';
import { Client } from 'pg';
import type { Actor } from '../../apps/api/src/auth/actor';
import { ConsultationRoomAccess } from '../../apps/api/src/consultations/consultation-room-access';
import { ConsultationSweep } from '../../apps/api/src/consultations/consultation-sweep';
import { registerAndSignIn } from '../support/accounts';
import { book, createBookablePeople, firstSlot } from '../support/bookings';
import { asSchemaOwner, createConsultationFor, invite, moveConsultation, newestInvitationOf, newPeople, type PeopleFixture } from '../support/consultations';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import { TEST_PUBLIC_URL } from '../support/mail-links';

/** A 1×1 PNG: the server sniffs the content, so it must be a real one. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const actorOf = (userId: string): Actor => ({ userId, sessionId: 'socket-session', clinicId: null, roles: [] });
const refusal = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);

/**
 * On-demand consultations are invitations the owner answers. The consultant's request always
 * gets the same answer, sees nothing before the owner accepts and nothing after a decline, and
 * reads the pet's record only until the consultation's join window closes.
 */
describe('consultation invitations', () => {
  let mail: MailTestApp;
  let db: Client;

  const count = async () => Number((await db.query('SELECT count(*) FROM consultations')).rows[0].count);
  const upcomingIds = async (who: PeopleFixture['consultant'] | PeopleFixture['owner']) =>
    ((await who.agent.get('/api/consultations').query({ period: 'upcoming' }).expect(200)).body as ConsultationListPage).items.map((item) => item.id);
  const allIds = async (who: PeopleFixture['consultant']) => [
    ...(await upcomingIds(who)),
    ...((await who.agent.get('/api/consultations').query({ period: 'past' }).expect(200)).body as ConsultationListPage).items.map((item) => item.id),
  ];
  /** Everything a consultant could try to read of an invitation, the owner and the pet: each answers 404. */
  const expectConsultantSeesNothing = async (people: PeopleFixture, consultationId: string) => {
    for (const path of [`/api/consultations/${consultationId}`, `/api/consultations/${consultationId}/pet`, `/api/pets/${people.pet.id}`]) {
      const response = await people.consultant.agent.get(path).set(people.consultant.inClinic).expect(404);
      expect(response.body.code).toBe(ErrorCode.NotFound);
    }
    expect(await allIds(people.consultant)).not.toContain(consultationId);
    const answered = await people.consultant.agent.post(`/api/consultations/${consultationId}/accept`).set(people.consultant.csrf).expect(404);
    expect(answered.body.code).toBe(ErrorCode.NotFound);
  };

  beforeAll(async () => {
    // Many fixtures: each registers from its own client address (see test/support/consultations.ts).
    mail = await startMailTestApp({ TRUST_PROXY: 'loopback' });
    db = new Client({ connectionString: mail.testApp.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await mail?.close();
  });

  /**
   * The events about an invitation that its clinic's admins would read in their audit log, other than the
   * consultant's own refused reads (which look the same for an id that does not exist).
   */
  const eventsInTheClinicLog = async (people: PeopleFixture, consultationId: string) => {
    const sql = 'SELECT action FROM audit_events WHERE entity_id = $1 AND clinic_id IS NOT NULL AND actor_user_id IS DISTINCT FROM $2';
    return (await db.query(sql, [consultationId, people.consultant.userId])).rows;
  };

  it('answers a match, an unknown e-mail, a wrong pet name and an unverified owner alike: 202 and one body', async () => {
    const people = await newPeople(mail.testApp);
    const unverified = await registerAndSignIn(mail.testApp.baseUrl);
    await unverified.agent.post('/api/pets').set({ 'X-CSRF-Token': unverified.session.csrfToken }).send({ name: 'Sirko', species: 'dog' }).expect(201);
    const before = await count();
    const answers = [];
    for (const body of [{}, { ownerEmail: 'nobody@example.test' }, { petName: 'Not a pet of theirs' }, { ownerEmail: unverified.email, petName: 'Sirko' }]) {
      const response = await people.consultant.agent
        .post(`/api/clinics/${people.clinicId}/consultations`)
        .set(people.consultant.inClinic)
        .send({ ownerEmail: people.owner.email, petName: people.pet.name, durationMinutes: 30, ...body });
      answers.push({ status: response.status, body: response.body as unknown });
    }
    for (const answer of answers) expect(answer).toEqual({ status: 202, body: { message: CONSULTATION_INVITATION_SENT_MESSAGE } });
    // Only the match became an invitation, and the clinic's audit log reads the same for all four.
    expect(await count()).toBe(before + 1);
    const events = await db.query("SELECT entity_type, entity_id, outcome FROM audit_events WHERE action = 'consultation.invite' AND actor_user_id = $1", [people.consultant.userId]);
    expect(events.rows).toEqual(Array(4).fill({ entity_type: 'clinic', entity_id: people.clinicId, outcome: 'success' }));
  });

  it('tells the owner by e-mail, with a link to the invitation, and shows it in their list', async () => {
    const people = await newPeople(mail.testApp);
    await invite(people, { reason: 'Coughing at night' });
    const invitationId = await newestInvitationOf(people.owner);
    const view = (await people.owner.agent.get(`/api/consultations/${invitationId}`).expect(200)).body as ConsultationView;
    expect(view).toMatchObject({ status: 'invited', myRole: 'owner', reason: 'Coughing at night', consultant: { displayName: people.consultant.displayName } });

    // Signing up sent the address check first.
    let message = await mail.smtp.nextMessageTo(people.owner.email);
    if (message.parsed.subject === 'Confirm your email address for Vetmeet') message = await mail.smtp.nextMessageTo(people.owner.email);
    expect(message.parsed.subject).toBe(`${people.consultant.displayName} invites you to a video consultation about ${people.pet.name}`);
    expect(message.parsed.text).toContain(`${TEST_PUBLIC_URL}/consultations/${invitationId}`);
    // Least data: the reason the consultant typed stays out of the mail.
    expect(message.parsed.text).not.toContain('Coughing at night');
  });

  it("shows the consultant nothing of the owner, the pet or the consultation before the owner accepts, and all of it after", async () => {
    const people = await newPeople(mail.testApp);
    await invite(people);
    const invitationId = await newestInvitationOf(people.owner);
    await expectConsultantSeesNothing(people, invitationId);
    const roomAccess = mail.testApp.app.get(ConsultationRoomAccess);
    expect(await refusal(roomAccess.checkJoin(actorOf(people.consultant.userId), invitationId, undefined))).toBe(ErrorCode.NotFound);
    expect(await refusal(roomAccess.checkJoin(actorOf(people.owner.userId), invitationId, undefined))).toBe(ErrorCode.ConsultationState);
    // Nothing is shared into an invitation, by the owner neither.
    const shared = await people.owner.agent.post(`/api/consultations/${invitationId}/files`).set(people.owner.csrf).attach('file', TINY_PNG, { filename: 'x.png', contentType: 'image/png' });
    expect({ status: shared.status, code: shared.body.code }).toEqual({ status: 410, code: ErrorCode.ConsultationClosed });

    const accepted = (await people.owner.agent.post(`/api/consultations/${invitationId}/accept`).set(people.owner.csrf).expect(200)).body as ConsultationView;
    expect(accepted.status).toBe('scheduled');
    const seen = (await people.consultant.agent.get(`/api/consultations/${invitationId}`).expect(200)).body as ConsultationView;
    expect(seen).toMatchObject({ myRole: 'consultant', owner: { id: people.owner.userId, displayName: people.owner.displayName }, pet: { id: people.pet.id } });
    expect((await people.consultant.agent.get(`/api/consultations/${invitationId}/pet`).expect(200)).body.id).toBe(people.pet.id);
    expect(await upcomingIds(people.consultant)).toContain(invitationId);
    // Answered once: a second answer is refused.
    expect((await people.owner.agent.post(`/api/consultations/${invitationId}/decline`).set(people.owner.csrf).expect(409)).body.code).toBe(ErrorCode.ConsultationState);
  });

  it('reveals nothing to the consultant when the owner declines, and cannot be accepted afterwards', async () => {
    const people = await newPeople(mail.testApp);
    await invite(people);
    const invitationId = await newestInvitationOf(people.owner);
    const declined = (await people.owner.agent.post(`/api/consultations/${invitationId}/decline`).set(people.owner.csrf).expect(200)).body as ConsultationView;
    expect(declined.status).toBe('declined');
    await expectConsultantSeesNothing(people, invitationId);
    expect((await people.owner.agent.post(`/api/consultations/${invitationId}/accept`).set(people.owner.csrf).expect(409)).body.code).toBe(ErrorCode.ConsultationState);
    expect(await eventsInTheClinicLog(people, invitationId)).toEqual([]);
    const past = (await people.owner.agent.get('/api/consultations').query({ period: 'past' }).expect(200)).body as ConsultationListPage;
    expect(past.items.map((item) => [item.id, item.status])).toContainEqual([invitationId, 'declined']);
  });

  it('lets an unanswered invitation expire when its join window closes: the sweep marks it, nobody can accept it, the consultant never saw it', async () => {
    const people = await newPeople(mail.testApp);
    await invite(people);
    const invitationId = await newestInvitationOf(people.owner);
    await moveConsultation(mail.testApp.database.url, invitationId, new Date(Date.now() - 240 * 60_000), new Date(Date.now() - 210 * 60_000));
    expect((await people.owner.agent.post(`/api/consultations/${invitationId}/accept`).set(people.owner.csrf).expect(409)).body.code).toBe(ErrorCode.ConsultationState);
    const closed = await mail.testApp.app.get(ConsultationSweep).sweep();
    expect(closed).toContainEqual({ consultationId: invitationId, clinicId: people.clinicId, status: 'expired' });
    await expectConsultantSeesNothing(people, invitationId);
    expect(await eventsInTheClinicLog(people, invitationId)).toEqual([]);
  });

  it('rate-limits invitations per consultant: past 10 in 10 minutes, 429 RATE_LIMITED saying when to try again', async () => {
    const people = await newPeople(mail.testApp);
    const send = () =>
      people.consultant.agent
        .post(`/api/clinics/${people.clinicId}/consultations`)
        .set(people.consultant.inClinic)
        .send({ ownerEmail: `guess-${Math.random()}@example.test`, petName: 'Rex', durationMinutes: 30 });
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await send()).status).toBe(202);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe(ErrorCode.RateLimited);
    const seconds = Number(/retryAfterSeconds: (\d+)/.exec((refused.body.details ?? []).join('\n'))?.[1] ?? refused.headers['retry-after']);
    expect(seconds).toBeGreaterThan(500);
    expect(seconds).toBeLessThanOrEqual(600);
  });

  it("ends the consultant's read of the pet's record when an on-demand consultation's join window closes", async () => {
    const open = await createConsultationFor(mail.testApp, { startsMinutesAgo: 40 });
    // Ended ten minutes ago: the join window (30 minutes after the end) is still open.
    await db.query("UPDATE consultations SET status = 'ended' WHERE id = $1", [open.consultationId]);
    expect((await open.consultant.agent.get(`/api/consultations/${open.consultationId}/pet`).expect(200)).body.id).toBe(open.pet.id);

    const over = await createConsultationFor(mail.testApp, { between: open, startsMinutesAgo: 240 });
    await db.query("UPDATE consultations SET status = 'ended' WHERE id IN ($1, $2)", [over.consultationId, open.consultationId]);
    await moveConsultation(mail.testApp.database.url, open.consultationId, new Date(Date.now() - 240 * 60_000), new Date(Date.now() - 210 * 60_000));
    for (const consultationId of [over.consultationId, open.consultationId]) {
      expect((await over.consultant.agent.get(`/api/consultations/${consultationId}/pet`).expect(404)).body.code).toBe(ErrorCode.NotFound);
      // The consultation stays in the consultant's history; the owner keeps their pet.
      await over.consultant.agent.get(`/api/consultations/${consultationId}`).expect(200);
      await over.owner.agent.get(`/api/consultations/${consultationId}/pet`).expect(200);
    }
  });

  it("ends the consultant's read of a booked consultation's pet record when its join window closes", async () => {
    const people = await createBookablePeople(mail.testApp);
    const created = await book(people, (await firstSlot(people, { fromMinutes: 24 * 60 })).startsAt);
    await people.owner.agent.post(`/api/bookings/${created.booking.id}/test-payment`).set(people.owner.csrf).send({ outcome: 'succeeded' }).expect(200);
    const accepted = (await people.consultant.agent.post(`/api/bookings/${created.booking.id}/accept`).set(people.consultant.inClinic).expect(200)).body as BookingView;
    const consultationId = accepted.consultationId as string;
    const paths = [`/api/consultations/${consultationId}/pet`, `/api/bookings/${created.booking.id}/pet`];
    for (const path of paths) await people.consultant.agent.get(path).expect(200);

    // The booking (and, through its trigger, the consultation) took place four hours ago.
    const startsAt = new Date(Date.now() - 240 * 60_000);
    await asSchemaOwner(mail.testApp.database.url, (client) =>
      client.query("UPDATE bookings SET starts_at = $2, ends_at = $3, blocked_from = $2, blocked_until = $3 WHERE id = $1", [created.booking.id, startsAt, new Date(startsAt.getTime() + 30 * 60_000)]),
    );
    await db.query("UPDATE consultations SET status = 'ended' WHERE id = $1", [consultationId]);
    for (const path of paths) expect((await people.consultant.agent.get(path).expect(404)).body.code).toBe(ErrorCode.NotFound);
    await people.owner.agent.get(paths[0]).expect(200);
  });
});
