import { randomInt, randomUUID } from 'node:crypto';
import type { ConsultationListPage, ConsultationView, PetView, SessionView } from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { newAccount, type SignedIn } from './accounts';
import { createClinicWithStaff } from './clinics';

/**
 * Test fixture for anything that needs a consultation: a clinic with a consultant, an owner
 * (e-mail verified) with a pet, and a consultation between them, created through the real
 * API: the consultant invites the owner, who accepts. Both people are signed in with cookie-keeping supertest agents.
 *
 *   const fixture = await createConsultationFor(testApp);                       // starts now, 30 minutes
 *   const later = await createConsultationFor(testApp, { startsInMinutes: 90 }); // room not open yet
 *   const over = await createConsultationFor(testApp, { startsMinutesAgo: 240 }); // join window closed
 *   await fixture.owner.agent.put(`/api/consultations/${fixture.consultationId}/room-password`)
 *     .set(fixture.owner.csrf).send({ password: 'grey-heron-42' }).expect(200);
 *   await fixture.consultant.agent.post('/api/...').set(fixture.consultant.inClinic)...   // acting in the clinic
 *
 * In a browser test, sign in as `fixture.owner.email` / STRONG_PASSWORD (test/support/accounts.ts).
 *
 * Invitations are rate limited per consultant (10 per 10 minutes): `between` writes its
 * consultation directly, as the schema owner, so a suite (or a bench) may make any number.
 *
 * Registration and sign-in are rate limited per client address (20 and 30 per 10 minutes).
 * A suite that needs many fixtures either reuses the people of one (`{ between: fixture }`:
 * same clinic, consultant, owner and pet, no new accounts) or starts its app with
 * `TRUST_PROXY: 'loopback'`: each fixture then registers and signs in from its own
 * documentation address (X-Forwarded-For: 198.51.100.x), which the app ignores otherwise.
 */

export interface FixturePerson {
  userId: string;
  email: string;
  displayName: string;
  agent: SignedIn['agent'];
  csrfToken: string;
  /** { 'X-CSRF-Token': … } for the agent's writes. */
  csrf: { 'X-CSRF-Token': string };
}

export interface ConsultationFixture {
  consultationId: string;
  clinicId: string;
  clinicName: string;
  pet: PetView;
  owner: FixturePerson;
  consultant: FixturePerson & {
    /** CSRF plus X-Clinic-Id: the consultant acting in the clinic. */
    inClinic: { 'X-CSRF-Token': string; 'X-Clinic-Id': string };
  };
  /** As the consultant saw it once the owner accepted (times before any startsMinutesAgo move). */
  created: ConsultationView;
}

export interface ConsultationFixtureOptions {
  /** Reuse this fixture's clinic, people and pet: a new consultation between the same two, no new accounts. */
  between?: ConsultationFixture;
  /** Minutes from now to the start (default 0: starts now). */
  startsInMinutes?: number;
  /** Places the consultation in the past, as the database's owner (the API refuses past starts). */
  startsMinutesAgo?: number;
  durationMinutes?: number;
  reason?: string;
  petName?: string;
  species?: string;
  ownerName?: string;
  consultantName?: string;
  clinicName?: string;
}

/** What createConsultationFor needs of a test app (startTestApp's TestApp fits). */
export interface AppUnderTest {
  baseUrl: string;
  database: { url: string };
}

export async function createConsultationFor(app: AppUnderTest, options: ConsultationFixtureOptions = {}): Promise<ConsultationFixture> {
  const people = options.between ?? (await newPeople(app, options));
  const { owner, consultant, pet, clinicId } = people;
  const startsAt = new Date(Date.now() + (options.startsInMinutes ?? 0) * 60_000);
  const durationMinutes = options.durationMinutes ?? 30;
  // A consultant's invitations are rate limited (10 in 10 minutes): more consultations between the same two
  // (suites, the signaling bench) are written as the schema owner, as an accepted invitation would leave them.
  const created = options.between
    ? await readAsConsultant(people, await insertScheduledConsultation(app.database.url, { clinicId, ownerId: owner.userId, consultantId: consultant.userId, petId: pet.id, startsAt, durationMinutes, reason: options.reason }))
    : await inviteAndAccept(people, { startsAt: startsAt.toISOString(), durationMinutes, ...(options.reason ? { reason: options.reason } : {}) });

  if (options.startsMinutesAgo !== undefined) {
    const past = new Date(Date.now() - options.startsMinutesAgo * 60_000);
    await moveConsultation(app.database.url, created.id, past, new Date(past.getTime() + durationMinutes * 60_000));
  }
  return { consultationId: created.id, clinicId, clinicName: people.clinicName, pet, owner, consultant, created };
}

/** What inviting needs: a consultant acting in the clinic, an owner and the name of their pet. */
export interface InvitingPair {
  clinicId: string;
  pet: { name: string };
  owner: Pick<FixturePerson, 'email' | 'agent' | 'csrf'>;
  consultant: Pick<ConsultationFixture['consultant'], 'agent' | 'inClinic'>;
}

/** The consultant invites the owner (the body overrides the pet and e-mail) and gets the one neutral answer, 202. */
export async function invite(people: InvitingPair, body: Record<string, unknown> = {}): Promise<void> {
  await people.consultant.agent
    .post(`/api/clinics/${people.clinicId}/consultations`)
    .set(people.consultant.inClinic)
    .send({ ownerEmail: people.owner.email, petName: people.pet.name, durationMinutes: 30, ...body })
    .expect(202);
}

/** An invitation the owner accepted: the consultation as its consultant then sees it. */
export async function inviteAndAccept(people: InvitingPair, body: Record<string, unknown> = {}): Promise<ConsultationView> {
  await invite(people, body);
  const invitationId = await newestInvitationOf(people.owner);
  await people.owner.agent.post(`/api/consultations/${invitationId}/accept`).set(people.owner.csrf).expect(200);
  return readAsConsultant(people, invitationId);
}

const readAsConsultant = async (people: InvitingPair, consultationId: string) =>
  (await people.consultant.agent.get(`/api/consultations/${consultationId}`).expect(200)).body as ConsultationView;

/** The id of the newest invitation waiting for the owner's answer (the consultant never learns it). */
export async function newestInvitationOf(owner: Pick<FixturePerson, 'agent'>): Promise<string> {
  const page = (await owner.agent.get('/api/consultations?period=upcoming').expect(200)).body as ConsultationListPage;
  const invited = page.items.filter((item) => item.status === 'invited').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (!invited[0]) throw new Error('The owner has no invitation waiting.');
  return invited[0].id;
}

/** The people of a consultation fixture without the consultation: a clinic with a consultant, and a verified owner with a pet. */
export type PeopleFixture = Omit<ConsultationFixture, 'consultationId' | 'created'>;

export async function newPeople(app: AppUnderTest, options: ConsultationFixtureOptions = {}): Promise<PeopleFixture> {
  const suffix = randomUUID().slice(0, 8);
  const clientAddress = `198.51.100.${randomInt(1, 255)}`;
  const ownerName = options.ownerName ?? 'Maria Kovalenko';
  const consultantName = options.consultantName ?? 'Dr. Olena Shevchenko';
  const clinicName = options.clinicName ?? `Clinic ${suffix}`;
  const [owner, consultantPerson] = await Promise.all([
    signUp(app.baseUrl, clientAddress, { email: `owner-${suffix}@example.test`, displayName: ownerName }),
    signUp(app.baseUrl, clientAddress, { email: `vet-${suffix}@example.test`, displayName: consultantName, country: 'PL', timeZone: 'Europe/Warsaw' }),
  ]);
  const clinicId = await createClinicWithStaff(app.database.url, clinicName, [{ userId: consultantPerson.userId, role: 'consultant' }]);
  await markEmailVerified(app.database.url, owner.userId);
  const pet = (await owner.agent.post('/api/pets').set(owner.csrf).send({ name: options.petName ?? `Barsik ${suffix}`, species: options.species ?? 'cat' }).expect(201)).body as PetView;
  return { clinicId, clinicName, pet, owner, consultant: { ...consultantPerson, inClinic: { ...consultantPerson.csrf, 'X-Clinic-Id': clinicId } } };
}

/** registerAndSignIn, from a given client address (honoured only by an app that trusts loopback proxies). */
export async function signUp(baseUrl: string, clientAddress: string, overrides: Record<string, unknown>): Promise<FixturePerson> {
  const account = newAccount(overrides);
  await request(baseUrl).post('/api/accounts').set('X-Forwarded-For', clientAddress).send(account).expect(202);
  const agent = request.agent(baseUrl);
  const session = (await agent.post('/api/auth/sign-in').set('X-Forwarded-For', clientAddress).send({ email: account.email, password: account.password }).expect(200)).body as SessionView;
  return person({ agent, session, email: account.email }, account.displayName);
}

/** Moves a consultation in time, as the schema owner: for windows that closed or have not opened yet. */
export async function moveConsultation(databaseUrl: string, consultationId: string, startsAt: Date, endsAt: Date): Promise<void> {
  await asSchemaOwner(databaseUrl, (client) => client.query('UPDATE consultations SET starts_at = $2, ends_at = $3 WHERE id = $1', [consultationId, startsAt, endsAt]));
}

/** Sets a consultation's status directly, as the schema owner (the API's own paths go through the room). */
export async function setConsultationStatus(databaseUrl: string, consultationId: string, status: ConsultationView['status']): Promise<void> {
  await asSchemaOwner(databaseUrl, (client) => client.query('UPDATE consultations SET status = $2 WHERE id = $1', [consultationId, status]));
}

/** A scheduled consultation written as the schema owner, for tests that need many without the invitation's rate limit. */
export async function insertScheduledConsultation(
  databaseUrl: string,
  parts: { clinicId: string; ownerId: string; consultantId: string; petId: string; startsAt?: Date; durationMinutes?: number; reason?: string },
): Promise<string> {
  const startsAt = parts.startsAt ?? new Date();
  const endsAt = new Date(startsAt.getTime() + (parts.durationMinutes ?? 30) * 60_000);
  const id = randomUUID();
  await asSchemaOwner(databaseUrl, (client) =>
    client.query(
      `INSERT INTO consultations (id, clinic_id, owner_id, consultant_id, pet_id, starts_at, ends_at, status, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8)`,
      [id, parts.clinicId, parts.ownerId, parts.consultantId, parts.petId, startsAt, endsAt, parts.reason ?? null],
    ),
  );
  return id;
}

/** Consultations are created only for owners whose address is verified. */
export async function markEmailVerified(databaseUrl: string, userId: string): Promise<void> {
  await asSchemaOwner(databaseUrl, (client) => client.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [userId]));
}

function person(signedIn: SignedIn, displayName: string): FixturePerson {
  const csrfToken = signedIn.session.csrfToken;
  return { userId: signedIn.session.account.id, email: signedIn.email, displayName, agent: signedIn.agent, csrfToken, csrf: { 'X-CSRF-Token': csrfToken } };
}

export async function asSchemaOwner<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
