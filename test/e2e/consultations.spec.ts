import { ErrorCode, type ConsultationListPage, type ConsultationView, type PetView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher';
import type { Actor } from '../../apps/api/src/auth/actor';
import { ConsultationEvents } from '../../apps/api/src/consultations/consultation-events';
import { ConsultationRoomAccess } from '../../apps/api/src/consultations/consultation-room-access';
import { ConsultationSweep } from '../../apps/api/src/consultations/consultation-sweep';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { createConsultationFor, inviteAndAccept, markEmailVerified, moveConsultation, setConsultationStatus, type ConsultationFixture } from '../support/consultations';
import { idsOnEveryPage } from '../support/paged-lists';
import { startTestApp, type TestApp } from '../support/test-app';

const actorOf = (userId: string): Actor => ({ userId, sessionId: 'socket-session', clinicId: null, roles: [] });
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('consultations over HTTP and for the room', () => {
  let testApp: TestApp;
  let db: Client;
  let stranger: SignedIn;
  let strangerId: string;
  let roomAccess: ConsultationRoomAccess;

  const row = async (id: string) => (await db.query('SELECT * FROM consultations WHERE id = $1', [id])).rows[0];
  const count = async () => Number((await db.query('SELECT count(*) FROM consultations')).rows[0].count);
  const audited = async (entityId: string) => (await db.query('SELECT action, outcome, actor_user_id FROM audit_events WHERE entity_id = $1 ORDER BY chain_seq', [entityId])).rows;
  const csrf = (who: SignedIn) => ({ 'X-CSRF-Token': who.session.csrfToken });
  const refusal = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);

  beforeAll(async () => {
    // Many fixtures: each registers from its own client address (see test/support/consultations.ts).
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    stranger = await registerAndSignIn(testApp.baseUrl, { displayName: 'Stranger' });
    strangerId = stranger.session.account.id;
    roomAccess = testApp.app.get(ConsultationRoomAccess);
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  describe('creating', () => {
    let fixture: ConsultationFixture;
    const create = (body: Record<string, unknown>, headers: Record<string, string> = fixture.consultant.inClinic, clinicId = fixture.clinicId, agent = fixture.consultant.agent) =>
      agent.post(`/api/clinics/${clinicId}/consultations`).set(headers).send({ ownerEmail: fixture.owner.email, petName: fixture.pet.name, durationMinutes: 20, ...body });

    beforeAll(async () => {
      fixture = await createConsultationFor(testApp, { reason: 'Limping since Monday', startsInMinutes: 5 });
    });

    it('schedules a consultation, once the owner accepted, for a registered owner and their pet, named as the owner would say them', async () => {
      const view = fixture.created;
      expect(view).toMatchObject({
        clinic: { id: fixture.clinicId, name: fixture.clinicName },
        status: 'scheduled',
        reason: 'Limping since Monday',
        pet: { id: fixture.pet.id, name: fixture.pet.name, species: 'cat' },
        owner: { id: fixture.owner.userId, displayName: 'Maria Kovalenko', country: 'UA', timeZone: 'Europe/Kyiv' },
        consultant: { id: fixture.consultant.userId, displayName: 'Dr. Olena Shevchenko' },
        myRole: 'consultant',
        roomPasswordSet: false,
        roomLocked: false,
      });
      expect(Date.parse(view.endsAt) - Date.parse(view.startsAt)).toBe(30 * 60_000);
      expect(Date.parse(view.startsAt) - Date.parse(view.joinOpensAt)).toBe(15 * 60_000);
      expect(Date.parse(view.joinClosesAt) - Date.parse(view.endsAt)).toBe(30 * 60_000);
      expect(await audited(view.id)).toEqual([
        { action: 'consultation.invitation.accept', outcome: 'success', actor_user_id: fixture.owner.userId },
        { action: 'consultation.read', outcome: 'success', actor_user_id: fixture.consultant.userId },
      ]);

      const lowerCased = await inviteAndAccept(fixture, { petName: fixture.pet.name.toUpperCase(), ownerEmail: fixture.owner.email.toUpperCase() });
      expect(lowerCased.pet.id).toBe(fixture.pet.id);
      const now = await inviteAndAccept(fixture, { startsAt: undefined });
      expect(Math.abs(Date.parse(now.startsAt) - Date.now())).toBeLessThan(10_000);
    });

    it("shows the consultant of the owner only name, country and time zone, never the e-mail address", async () => {
      const response = await fixture.consultant.agent.get(`/api/consultations/${fixture.consultationId}`).expect(200);
      expect(Object.keys((response.body as ConsultationView).owner).sort()).toEqual(['country', 'displayName', 'id', 'timeZone']);
      expect(JSON.stringify(response.body)).not.toContain(fixture.owner.email);
      const listed = await fixture.consultant.agent.get('/api/consultations').query({ period: 'upcoming' }).expect(200);
      expect((listed.body as ConsultationListPage).items.map((item) => item.id)).toContain(fixture.consultationId);
      expect(JSON.stringify(listed.body)).not.toContain(fixture.owner.email);
    });

    it('refuses a start in the past (beyond a minute of clock slack) and other invalid requests', async () => {
      const before = await count();
      expect((await create({ startsAt: minutesFromNow(-2) }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
      for (const body of [{ durationMinutes: 2 }, { durationMinutes: 600 }, { startsAt: 'tomorrow' }, { ownerEmail: 'not-an-address' }, { clinicId: 'x' }, { startsAt: minutesFromNow(60 * 24 * 400) }]) {
        expect((await create(body).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
      }
      expect(await count()).toBe(before);
      await create({ startsAt: new Date(Date.now() - 30_000).toISOString() }).expect(202);
    });

    it('is for a consultant acting in that clinic only: owners, support, admins, other clinics are refused', async () => {
      const before = await count();
      const [support, admin, otherVet] = await Promise.all([registerAndSignIn(testApp.baseUrl), registerAndSignIn(testApp.baseUrl), registerAndSignIn(testApp.baseUrl)]);
      await createClinicWithStaff(testApp.database.url, 'Same clinic staff', []);
      await db.query(`INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'support'), (gen_random_uuid(), $1, $3, 'clinic_admin')`, [
        fixture.clinicId,
        support.session.account.id,
        admin.session.account.id,
      ]);
      const otherClinic = await createClinicWithStaff(testApp.database.url, 'Other clinic', [{ userId: otherVet.session.account.id, role: 'consultant' }]);
      const inClinic = (who: SignedIn, clinicId: string) => ({ ...csrf(who), 'X-Clinic-Id': clinicId });

      expect((await create({}, fixture.owner.csrf, fixture.clinicId, fixture.owner.agent).expect(404)).body.code).toBe(ErrorCode.NotFound);
      expect((await create({}, fixture.consultant.csrf).expect(404)).body.code).toBe(ErrorCode.NotFound);
      expect((await create({}, inClinic(support, fixture.clinicId), fixture.clinicId, support.agent).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      expect((await create({}, inClinic(admin, fixture.clinicId), fixture.clinicId, admin.agent).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      expect((await create({}, inClinic(otherVet, otherClinic), fixture.clinicId, otherVet.agent).expect(404)).body.code).toBe(ErrorCode.NotFound);
      expect((await create({}, inClinic(otherVet, fixture.clinicId), fixture.clinicId, otherVet.agent).expect(404)).body.code).toBe(ErrorCode.NotFound);
      expect((await create({}, inClinic(stranger, fixture.clinicId), fixture.clinicId, stranger.agent).expect(404)).body.code).toBe(ErrorCode.NotFound);
      // Even a consultant of the other clinic who knows the owner cannot book them into this one.
      await markEmailVerified(testApp.database.url, fixture.owner.userId);
      await create({}, inClinic(otherVet, otherClinic), otherClinic, otherVet.agent).expect(202);
      expect(await count()).toBe(before + 1);
      expect((await db.query('SELECT clinic_id FROM consultations ORDER BY created_at DESC LIMIT 1')).rows[0].clinic_id).toBe(otherClinic);
    });
  });

  describe('reading, listing, cancelling', () => {
    it('shows a consultation to its owner and consultant, and "not found" (audited) to anyone else', async () => {
      const fixture = await createConsultationFor(testApp);
      const asOwner = (await fixture.owner.agent.get(`/api/consultations/${fixture.consultationId}`).expect(200)).body as ConsultationView;
      expect(asOwner).toMatchObject({ myRole: 'owner', clinic: { name: fixture.clinicName }, consultant: { displayName: 'Dr. Olena Shevchenko' } });
      const colleague = await registerAndSignIn(testApp.baseUrl);
      await db.query(`INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'consultant')`, [fixture.clinicId, colleague.session.account.id]);

      for (const [who, headers] of [
        [stranger, {}],
        [colleague, {}],
        [colleague, { 'X-Clinic-Id': fixture.clinicId }],
      ] as const) {
        const response = await who.agent.get(`/api/consultations/${fixture.consultationId}`).set(headers).expect(404);
        expect(response.body.code).toBe(ErrorCode.NotFound);
        await who.agent.get(`/api/consultations/${fixture.consultationId}/pet`).set(headers).expect(404);
        for (const period of ['upcoming', 'past']) {
          expect((await who.agent.get('/api/consultations').query({ period }).set(headers).expect(200)).body).toEqual({ items: [], nextCursor: null });
        }
      }
      const events = await audited(fixture.consultationId);
      expect(events.filter((event: { outcome: string }) => event.outcome === 'denied')).toHaveLength(6);
      expect(events).toContainEqual({ action: 'consultation.read', outcome: 'denied', actor_user_id: strangerId });
    });

    it('lists upcoming consultations soonest first and the past latest first, a page at a time', async () => {
      const fixture = await createConsultationFor(testApp, { startsInMinutes: 120 });
      const create = (startsInMinutes: number) => inviteAndAccept(fixture, { startsAt: minutesFromNow(startsInMinutes) });
      const soon = await create(10);
      const longAgo = await create(0);
      const yesterday = await create(0);
      await moveConsultation(testApp.database.url, longAgo.id, new Date(Date.now() - 3 * 86_400_000), new Date(Date.now() - 3 * 86_400_000 + 1_800_000));
      await moveConsultation(testApp.database.url, yesterday.id, new Date(Date.now() - 86_400_000), new Date(Date.now() - 86_400_000 + 1_800_000));
      const pages = (who: typeof fixture.owner, period: string) => idsOnEveryPage(who.agent, '/api/consultations', { period, limit: 1 });
      for (const who of [fixture.owner, fixture.consultant]) {
        expect(await pages(who, 'upcoming')).toEqual([soon.id, fixture.consultationId]);
        expect(await pages(who, 'past')).toEqual([yesterday.id, longAgo.id]);
      }
      const first = (await fixture.owner.agent.get('/api/consultations').query({ period: 'upcoming', limit: 1 }).expect(200)).body as ConsultationListPage;
      for (const query of [{}, { period: 'later' }, { period: 'past', cursor: first.nextCursor }, { period: 'upcoming', cursor: 'forged' }, { period: 'upcoming', limit: 101 }]) {
        const refused = await fixture.owner.agent.get('/api/consultations').query(query).expect(400);
        expect(refused.body.code).toBe(ErrorCode.ValidationFailed);
      }
    });

    it('lets either participant cancel before the start, nobody after, and a stranger not at all', async () => {
      const fixture = await createConsultationFor(testApp);
      const events = testApp.app.get(ConsultationEvents);
      const cancelledEvents: string[] = [];
      const listener = ({ consultationId }: { consultationId: string }) => cancelledEvents.push(consultationId);
      events.on('cancelled', listener);
      try {
        const before = await row(fixture.consultationId);
        expect((await stranger.agent.post(`/api/consultations/${fixture.consultationId}/cancel`).set(csrf(stranger)).expect(404)).body.code).toBe(ErrorCode.NotFound);
        await setConsultationStatus(testApp.database.url, fixture.consultationId, 'in_progress');
        expect((await fixture.owner.agent.post(`/api/consultations/${fixture.consultationId}/cancel`).set(fixture.owner.csrf).expect(409)).body.code).toBe(ErrorCode.ConsultationState);
        await setConsultationStatus(testApp.database.url, fixture.consultationId, 'waiting');
        expect({ ...(await row(fixture.consultationId)), status: 'scheduled', updated_at: null }).toEqual({ ...before, updated_at: null });

        const cancelled = (await fixture.owner.agent.post(`/api/consultations/${fixture.consultationId}/cancel`).set(fixture.owner.csrf).expect(200)).body as ConsultationView;
        expect(cancelled.status).toBe('cancelled');
        expect(cancelledEvents).toEqual([fixture.consultationId]);
        expect((await fixture.consultant.agent.post(`/api/consultations/${fixture.consultationId}/cancel`).set(fixture.consultant.csrf).expect(409)).body.code).toBe(ErrorCode.ConsultationState);

        const other = await createConsultationFor(testApp);
        await other.consultant.agent.post(`/api/consultations/${other.consultationId}/cancel`).set(other.consultant.csrf).expect(200);
        // The consultant keeps the consultation's summary but no longer reads the pet's record.
        const view = (await other.consultant.agent.get(`/api/consultations/${other.consultationId}`).expect(200)).body as ConsultationView;
        expect(view.pet.name).toBe(other.pet.name);
        await other.consultant.agent.get(`/api/consultations/${other.consultationId}/pet`).expect(404);
        await other.owner.agent.get(`/api/consultations/${other.consultationId}/pet`).expect(200);
      } finally {
        events.off('cancelled', listener);
      }
    });

    it("gives both participants the pet's full record, audited with the consultation", async () => {
      const fixture = await createConsultationFor(testApp);
      await fixture.owner.agent.patch(`/api/pets/${fixture.pet.id}`).set(fixture.owner.csrf).send({ medicalHistory: 'Vaccinated 2025', allergies: 'chicken' }).expect(200);
      const other = (await fixture.owner.agent.post('/api/pets').set(fixture.owner.csrf).send({ name: 'Second', species: 'dog' }).expect(201)).body as PetView;
      for (const who of [fixture.owner, fixture.consultant]) {
        const pet = (await who.agent.get(`/api/consultations/${fixture.consultationId}/pet`).expect(200)).body as PetView;
        expect(pet).toMatchObject({ id: fixture.pet.id, medicalHistory: 'Vaccinated 2025', allergies: 'chicken' });
      }
      await fixture.consultant.agent.get(`/api/pets/${other.id}`).expect(404);
      const reads = (await audited(fixture.consultationId)).filter((event: { action: string }) => event.action === 'pet.read');
      expect(reads).toEqual([
        { action: 'pet.read', outcome: 'success', actor_user_id: fixture.owner.userId },
        { action: 'pet.read', outcome: 'success', actor_user_id: fixture.consultant.userId },
      ]);
      // The clinic keeps the record: the pet cannot be deleted from under it.
      expect((await fixture.owner.agent.delete(`/api/pets/${fixture.pet.id}`).set(fixture.owner.csrf).expect(409)).body.code).toBe(ErrorCode.ConsultationState);
      await fixture.owner.agent.delete(`/api/pets/${other.id}`).set(fixture.owner.csrf).expect(204);
    });
  });

  describe('room password', () => {
    it('is set and cleared by the owner only, and stored as an argon2id hash', async () => {
      const fixture = await createConsultationFor(testApp);
      const url = `/api/consultations/${fixture.consultationId}/room-password`;
      const before = await row(fixture.consultationId);
      expect((await fixture.consultant.agent.put(url).set(fixture.consultant.csrf).send({ password: 'grey-heron-42' }).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      expect((await stranger.agent.put(url).set(csrf(stranger)).send({ password: 'grey-heron-42' }).expect(404)).body.code).toBe(ErrorCode.NotFound);
      expect((await fixture.owner.agent.put(url).set(fixture.owner.csrf).send({ password: 'short' }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
      expect(await row(fixture.consultationId)).toEqual(before);

      const set = (await fixture.owner.agent.put(url).set(fixture.owner.csrf).send({ password: 'grey-heron-42' }).expect(200)).body as ConsultationView;
      expect(set.roomPasswordSet).toBe(true);
      const { room_password_hash: hash } = await row(fixture.consultationId);
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await new PasswordHasher().verify(hash, 'grey-heron-42')).toBe(true);
      expect(JSON.stringify(set)).not.toContain('grey-heron');

      expect((await fixture.consultant.agent.delete(url).set(fixture.consultant.csrf).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      expect((await row(fixture.consultationId)).room_password_hash).toBe(hash);
      const cleared = (await fixture.owner.agent.delete(url).set(fixture.owner.csrf).expect(200)).body as ConsultationView;
      expect(cleared.roomPasswordSet).toBe(false);
      expect((await row(fixture.consultationId)).room_password_hash).toBeNull();
    });
  });

  describe('joining the room (ConsultationRoomAccess)', () => {
    it('issues a ticket to each participant inside the window', async () => {
      const fixture = await createConsultationFor(testApp);
      const ticket = await roomAccess.checkJoin(actorOf(fixture.owner.userId), fixture.consultationId, undefined);
      expect(ticket).toEqual({
        consultationId: fixture.consultationId,
        clinicId: fixture.clinicId,
        status: 'scheduled',
        startsAt: new Date(fixture.created.startsAt),
        endsAt: new Date(fixture.created.endsAt),
        joinClosesAt: new Date(fixture.created.joinClosesAt),
        roomLocked: false,
        role: 'owner',
        userId: fixture.owner.userId,
        displayName: 'Maria Kovalenko',
        owner: { userId: fixture.owner.userId, displayName: 'Maria Kovalenko' },
        consultant: { userId: fixture.consultant.userId, displayName: 'Dr. Olena Shevchenko' },
      });
      await expect(roomAccess.checkJoin(actorOf(fixture.consultant.userId), fixture.consultationId, 'ignored without a password')).resolves.toMatchObject({ role: 'consultant' });
      expect(await audited(fixture.consultationId)).toEqual(
        expect.arrayContaining([
          { action: 'consultation.join', outcome: 'success', actor_user_id: fixture.owner.userId },
          { action: 'consultation.join', outcome: 'success', actor_user_id: fixture.consultant.userId },
        ]),
      );
    });

    it('refuses strangers, closed consultations and joins outside the window, each with its code, audited', async () => {
      const fixture = await createConsultationFor(testApp);
      const owner = actorOf(fixture.owner.userId);
      expect(await refusal(roomAccess.checkJoin(actorOf(strangerId), fixture.consultationId, undefined))).toBe(ErrorCode.NotFound);
      for (const status of ['ended', 'cancelled', 'no_show'] as const) {
        await setConsultationStatus(testApp.database.url, fixture.consultationId, status);
        expect(await refusal(roomAccess.checkJoin(owner, fixture.consultationId, undefined))).toBe(ErrorCode.ConsultationClosed);
      }
      const early = await createConsultationFor(testApp, { startsInMinutes: 60 });
      const tooEarly = await roomAccess.checkJoin(actorOf(early.owner.userId), early.consultationId, undefined).catch((error: unknown) => error);
      expect(tooEarly).toMatchObject({ code: ErrorCode.JoinWindowClosed, details: [`opensAt: ${early.created.joinOpensAt}`] });
      expect((tooEarly as Error).message).toMatch(new RegExp(`opens at ${early.created.joinOpensAt}, in 4[56] minutes`));
      const late = await createConsultationFor(testApp, { startsMinutesAgo: 240, durationMinutes: 30 });
      const tooLate = await roomAccess.checkJoin(actorOf(late.consultant.userId), late.consultationId, undefined).catch((error: unknown) => error);
      expect(tooLate).toMatchObject({ code: ErrorCode.JoinWindowClosed, message: expect.stringMatching(/^This consultation room closed at /) });

      const denials = (await audited(fixture.consultationId)).filter((event: { action: string }) => event.action === 'consultation.join');
      expect(denials).toEqual([
        { action: 'consultation.join', outcome: 'denied', actor_user_id: strangerId },
        ...Array.from({ length: 3 }, () => ({ action: 'consultation.join', outcome: 'denied', actor_user_id: fixture.owner.userId })),
      ]);
    });

    it('asks for the room password, refuses a wrong one, and stops guessing after five tries per person', async () => {
      const fixture = await createConsultationFor(testApp);
      await fixture.owner.agent.put(`/api/consultations/${fixture.consultationId}/room-password`).set(fixture.owner.csrf).send({ password: 'grey-heron-42' }).expect(200);
      const owner = actorOf(fixture.owner.userId);
      const consultant = actorOf(fixture.consultant.userId);
      expect(await refusal(roomAccess.checkJoin(consultant, fixture.consultationId, undefined))).toBe(ErrorCode.RoomPasswordRequired);
      expect(await refusal(roomAccess.checkJoin(consultant, fixture.consultationId, ''))).toBe(ErrorCode.RoomPasswordRequired);
      await expect(roomAccess.checkJoin(consultant, fixture.consultationId, 'grey-heron-42')).resolves.toMatchObject({ role: 'consultant' });

      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect(await refusal(roomAccess.checkJoin(owner, fixture.consultationId, `guess-${attempt}`))).toBe(ErrorCode.RoomPasswordInvalid);
      }
      expect(await refusal(roomAccess.checkJoin(owner, fixture.consultationId, 'grey-heron-42'))).toBe(ErrorCode.RateLimited);
      // The limit is per person and consultation: the consultant still gets in.
      await expect(roomAccess.checkJoin(consultant, fixture.consultationId, 'grey-heron-42')).resolves.toMatchObject({ role: 'consultant' });
      const outcomes = (await audited(fixture.consultationId)).filter((event: { action: string; actor_user_id: string }) => event.action === 'consultation.join' && event.actor_user_id === fixture.owner.userId);
      expect(outcomes.map((event: { outcome: string }) => event.outcome)).toEqual(Array(6).fill('denied'));
    });

    it('lets the consultant lock the room, and the owner not', async () => {
      const fixture = await createConsultationFor(testApp);
      expect(await refusal(roomAccess.setLocked(actorOf(fixture.owner.userId), fixture.consultationId, true))).toBe(ErrorCode.Forbidden);
      expect(await refusal(roomAccess.setLocked(actorOf(strangerId), fixture.consultationId, true))).toBe(ErrorCode.NotFound);
      expect((await row(fixture.consultationId)).room_locked).toBe(false);
      await roomAccess.setLocked(actorOf(fixture.consultant.userId), fixture.consultationId, true);
      expect(((await fixture.owner.agent.get(`/api/consultations/${fixture.consultationId}`).expect(200)).body as ConsultationView).roomLocked).toBe(true);
      await expect(roomAccess.checkJoin(actorOf(fixture.owner.userId), fixture.consultationId, undefined)).resolves.toMatchObject({ roomLocked: true });
      await roomAccess.setLocked(actorOf(fixture.consultant.userId), fixture.consultationId, false);
      expect((await row(fixture.consultationId)).room_locked).toBe(false);
    });

    it('moves the status as the room says: waiting, in progress (started once), ended; nothing illegal', async () => {
      const fixture = await createConsultationFor(testApp);
      const owner = actorOf(fixture.owner.userId);
      const consultant = actorOf(fixture.consultant.userId);
      await roomAccess.markStatus(owner, fixture.consultationId, 'waiting');
      await roomAccess.markStatus(owner, fixture.consultationId, 'waiting');
      expect((await row(fixture.consultationId)).status).toBe('waiting');
      await roomAccess.markStatus(consultant, fixture.consultationId, 'in_progress');
      const { started_at: startedAt } = await row(fixture.consultationId);
      expect(startedAt).toBeInstanceOf(Date);
      await roomAccess.markStatus(consultant, fixture.consultationId, 'in_progress');
      expect((await row(fixture.consultationId)).started_at).toEqual(startedAt);

      const before = await row(fixture.consultationId);
      expect(await refusal(roomAccess.markStatus(owner, fixture.consultationId, 'ended'))).toBe(ErrorCode.Forbidden);
      expect(await refusal(roomAccess.markStatus(consultant, fixture.consultationId, 'waiting'))).toBe(ErrorCode.ConsultationState);
      expect(await refusal(roomAccess.markStatus(actorOf(strangerId), fixture.consultationId, 'ended'))).toBe(ErrorCode.NotFound);
      expect(await row(fixture.consultationId)).toEqual(before);

      await roomAccess.markStatus(consultant, fixture.consultationId, 'ended');
      const ended = await row(fixture.consultationId);
      expect(ended).toMatchObject({ status: 'ended', started_at: startedAt, ended_at: expect.any(Date) });
      // Both sides read when the call really took place, beside its booked times.
      for (const who of [fixture.owner, fixture.consultant]) {
        const response = await who.agent.get(`/api/consultations/${fixture.consultationId}`).expect(200);
        const times = { startedAt: startedAt.toISOString(), endedAt: ended.ended_at.toISOString() };
        expect(response.body as ConsultationView).toMatchObject(times);
      }
      await roomAccess.markStatus(consultant, fixture.consultationId, 'ended');
      expect(await refusal(roomAccess.markStatus(consultant, fixture.consultationId, 'in_progress'))).toBe(ErrorCode.ConsultationState);
      expect(await refusal(roomAccess.checkJoin(owner, fixture.consultationId, undefined))).toBe(ErrorCode.ConsultationClosed);
      expect((await audited(fixture.consultationId)).map((event: { action: string; outcome: string }) => `${event.action}:${event.outcome}`)).toEqual(
        expect.arrayContaining(['consultation.waiting:success', 'consultation.in_progress:success', 'consultation.ended:success', 'consultation.ended:denied', 'consultation.waiting:denied']),
      );
    });
  });

  describe('the sweep', () => {
    it('ends calls and marks no-shows once the join window closed, and leaves the rest alone', async () => {
      const [inCall, neverStarted, waiting, current] = await Promise.all([
        createConsultationFor(testApp, { startsMinutesAgo: 120, durationMinutes: 30 }),
        createConsultationFor(testApp, { startsMinutesAgo: 120, durationMinutes: 30 }),
        createConsultationFor(testApp, { startsMinutesAgo: 120, durationMinutes: 30 }),
        createConsultationFor(testApp, { startsMinutesAgo: 40, durationMinutes: 30 }),
      ]);
      await setConsultationStatus(testApp.database.url, inCall.consultationId, 'in_progress');
      await setConsultationStatus(testApp.database.url, waiting.consultationId, 'waiting');
      await setConsultationStatus(testApp.database.url, current.consultationId, 'in_progress');
      const lapsedEvents: unknown[] = [];
      const listener = (event: unknown) => lapsedEvents.push(event);
      testApp.app.get(ConsultationEvents).on('lapsed', listener);
      try {
        const closed = await testApp.app.get(ConsultationSweep).sweep();
        const mine = closed.filter((item) => [inCall, neverStarted, waiting, current].some((fixture) => fixture.consultationId === item.consultationId));
        expect(mine.map((item) => [item.consultationId, item.status]).sort()).toEqual(
          [
            [inCall.consultationId, 'ended'],
            [neverStarted.consultationId, 'no_show'],
            [waiting.consultationId, 'no_show'],
          ].sort(),
        );
        expect(lapsedEvents).toContainEqual({ consultationId: inCall.consultationId, status: 'ended' });
      } finally {
        testApp.app.get(ConsultationEvents).off('lapsed', listener);
      }
      expect(await row(inCall.consultationId)).toMatchObject({ status: 'ended', ended_at: expect.any(Date) });
      expect((await row(current.consultationId)).status).toBe('in_progress');
      expect(await audited(neverStarted.consultationId)).toContainEqual({ action: 'consultation.no_show', outcome: 'success', actor_user_id: null });
      const { clinic_id: clinicId } = (await db.query("SELECT clinic_id FROM audit_events WHERE entity_id = $1 AND action = 'consultation.no_show'", [neverStarted.consultationId])).rows[0];
      expect(clinicId).toBe(neverStarted.clinicId);
    });
  });
});
