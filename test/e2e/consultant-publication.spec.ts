import {
  ErrorCode,
  type ConsultantAvailabilityPayload,
  type ConsultantDirectoryPage,
  type ConsultantProfilePayload,
  type ConsultantPublicationView,
  type ConsultantSlotsView,
} from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const profile = (overrides: Partial<ConsultantProfilePayload> = {}): ConsultantProfilePayload => ({
  displayName: 'Dr. One Flow',
  specialties: ['dermatology'],
  species: ['dog'],
  languages: ['en'],
  bio: 'Skin problems.',
  timeZone: 'Europe/Berlin',
  priceCurrency: 'EUR',
  offerings: [{ durationMinutes: 30, priceAmount: 2500 }],
  autoAccept: false,
  published: true,
  ...overrides,
});

const hours = (overrides: Partial<ConsultantAvailabilityPayload> = {}): ConsultantAvailabilityPayload => ({
  weeklyRules: WEEKDAYS.map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  dateOverrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 60,
  horizonDays: 30,
  dailyLimit: null,
  stepMinutes: null,
  ...overrides,
});

describe('consultant publication: profile, hours and Published in one save', () => {
  let testApp: TestApp;
  let db: Client;
  let clinicA: string;
  let clinicB: string;
  let vet: SignedIn;
  let elsewhere: SignedIn;

  const idOf = (who: SignedIn) => who.session.account.id;
  const inClinic = (who: SignedIn, clinicId: string) => ({
    'X-CSRF-Token': who.session.csrfToken,
    'X-Clinic-Id': clinicId,
  });
  const path = (clinicId: string) => `/api/clinics/${clinicId}/consultant-publication`;
  const put = (body: unknown, who = vet, clinicId = clinicA) =>
    who.agent.put(path(clinicId)).set(inClinic(who, clinicId)).send(body as object);
  const read = async () =>
    (await vet.agent.get(path(clinicA)).set(inClinic(vet, clinicA)).expect(200)).body as ConsultantPublicationView;
  const listed = async () => {
    const page = (await request(testApp.baseUrl).get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    return page.items.map((item) => item.id);
  };
  const audited = async () => {
    const sql = `SELECT action, outcome FROM audit_events
      WHERE entity_id = $1 AND action LIKE 'consultant%' ORDER BY chain_seq`;
    return (await db.query<{ action: string; outcome: string }>(sql, [idOf(vet)])).rows;
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    [vet, elsewhere] = await Promise.all(
      ['One Flow', 'Elsewhere'].map((displayName) => registerAndSignIn(testApp.baseUrl, { displayName })),
    );
    clinicA = await createClinicWithStaff(testApp.database.url, 'Clinic A', [
      { userId: idOf(vet), role: 'consultant' },
    ]);
    clinicB = await createClinicWithStaff(testApp.database.url, 'Clinic B', [
      { userId: idOf(vet), role: 'consultant' },
      { userId: idOf(elsewhere), role: 'consultant' },
    ]);
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  it('refuses to publish without a price or without hours, naming what is missing, and saves nothing', async () => {
    const noPrice = await put({ profile: profile({ offerings: [] }), availability: hours() }).expect(409);
    expect(noPrice.body).toMatchObject({
      code: ErrorCode.ConsultantProfileIncomplete,
      details: ['profile.offerings: add at least one consultation length with a price'],
    });
    expect(noPrice.body.message).toMatch(/Nothing was saved: publishing needs a consultation length with a price\./);
    const closedOnly = hours({ weeklyRules: [], dateOverrides: [{ date: '2031-01-01', closed: true }] });
    const noHours = await put({ profile: profile(), availability: closedOnly }).expect(409);
    expect(noHours.body.details).toEqual([
      'availability.weeklyRules: add opening hours (a weekly rule, or a date with its own hours)',
    ]);
    const neither = await put({ profile: profile({ offerings: [] }), availability: hours({ weeklyRules: [] }) })
      .expect(409);
    expect(neither.body.details).toHaveLength(2);
    expect(await read()).toMatchObject({ profile: null, availability: null });
    expect(await audited()).toEqual([
      { action: 'consultant_profile.publish', outcome: 'denied' },
      { action: 'consultant_profile.publish', outcome: 'denied' },
      { action: 'consultant_profile.publish', outcome: 'denied' },
    ]);
  });

  it('names every bad field of both halves, prefixed by the half it is in, and saves nothing', async () => {
    const response = await put({
      profile: profile({
        timeZone: 'Mars/Base',
        offerings: [{ durationMinutes: 30, priceAmount: 1 }, { durationMinutes: 30, priceAmount: 0 }],
      }),
      availability: hours({ weeklyRules: [{ weekday: 'monday', start: '12:00', end: '09:00' }] }),
    }).expect(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
    expect(response.body.details).toEqual([
      'profile.timeZone: must be an IANA time zone',
      'profile.offerings: each consultation length at most once',
      expect.stringMatching(/^profile\.offerings\.0\.priceAmount: /),
      'availability.weeklyRules[0].end: must be after start',
    ]);
    const someday = { weekday: 'someday' as never, start: '09:00', end: '10:00' };
    const tooDear = { durationMinutes: 30, priceAmount: 1e12 };
    const hostile: [string, unknown][] = [
      ['no availability', { profile: profile() }],
      ['availability as a string', { profile: profile(), availability: 'always' }],
      ['a profile array', { profile: [profile()], availability: hours() }],
      ['an unknown top-level field', { profile: profile(), availability: hours(), clinicId: clinicB }],
      ['an unknown nested field', { profile: { ...profile(), photoId: 'x' }, availability: hours() }],
      ['published as a string', { profile: { ...profile(), published: 'true' }, availability: hours() }],
      ['a weekday that is not one', { profile: profile(), availability: hours({ weeklyRules: [someday] }) }],
      ['a price over the maximum', { profile: profile({ offerings: [tooDear] }), availability: hours() }],
      ['a name of whitespace only', { profile: profile({ displayName: '   ' }), availability: hours() }],
    ];
    for (const [what, body] of hostile) {
      const refused = await put(body);
      const answer = { what, status: refused.status, code: refused.body.code };
      expect(answer).toEqual({ what, status: 400, code: ErrorCode.ValidationFailed });
    }
    expect(await read()).toMatchObject({ profile: null, availability: null });
  });

  it('publishes profile and hours with one save; the consultant is then in the directory with free slots', async () => {
    const saved = (await put({ profile: profile(), availability: hours() }).expect(200))
      .body as ConsultantPublicationView;
    const expected = { ...profile(), id: idOf(vet), clinicId: clinicA, published: true, complete: true };
    expect(saved.profile).toMatchObject(expected);
    expect(saved.availability).toEqual({ ...hours(), timeZone: 'Europe/Berlin', timeOff: [] });
    expect(saved.clinic).toMatchObject({ id: clinicA, name: 'Clinic A' });
    expect(await read()).toEqual(saved);
    expect(await listed()).toContain(idOf(vet));
    const from = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const query = { from, to, durationMinutes: 30, timeZone: 'UTC' };
    const slots = (await request(testApp.baseUrl).get(`/api/consultants/${idOf(vet)}/slots`).query(query).expect(200))
      .body as ConsultantSlotsView;
    expect(slots.slots.length).toBeGreaterThan(0);
    // The older endpoints read the same row.
    const ownPath = `/api/clinics/${clinicA}/consultant-profile`;
    const own = (await vet.agent.get(ownPath).set(inClinic(vet, clinicA)).expect(200)).body;
    expect(own).toEqual(saved.profile);
    expect((await audited()).slice(-3)).toEqual([
      { action: 'consultant_profile.create', outcome: 'success' },
      { action: 'consultant_availability.update', outcome: 'success' },
      { action: 'consultant_profile.publish', outcome: 'success' },
    ]);
  });

  it('leaves a published profile exactly as it was when a change would leave owners nothing to book', async () => {
    const before = await read();
    const renamed = profile({ displayName: 'Dr. Renamed', bio: 'Changed' });
    const refused = await put({ profile: renamed, availability: hours({ weeklyRules: [] }) }).expect(409);
    expect(refused.body.code).toBe(ErrorCode.ConsultantProfileIncomplete);
    expect(await read()).toEqual(before);
    // Unpublishing and closing the hours together is allowed, in one save.
    const closed = { profile: profile({ published: false }), availability: hours({ weeklyRules: [] }) };
    const hidden = (await put(closed).expect(200)).body as ConsultantPublicationView;
    expect(hidden.profile).toMatchObject({ published: false, complete: false });
    expect(await listed()).not.toContain(idOf(vet));
  });

  it('takes two first saves at once as one profile, the later save winning whole', async () => {
    const newcomer = await registerAndSignIn(testApp.baseUrl, { displayName: 'Twice' });
    const join = `INSERT INTO clinic_memberships (id, clinic_id, user_id, role)
      VALUES (gen_random_uuid(), $1, $2, 'consultant')`;
    await db.query(join, [clinicA, idOf(newcomer)]);
    const bodies = [
      { profile: profile({ displayName: 'Dr. First', bio: 'first' }), availability: hours() },
      { profile: profile({ displayName: 'Dr. Second', bio: 'second' }), availability: hours({ horizonDays: 10 }) },
    ];
    const answers = await Promise.all(bodies.map((body) => put(body, newcomer)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const rows = await db.query<{ display_name: string; bio: string; horizon_days: number }>(
      'SELECT display_name, bio, horizon_days FROM consultant_profiles WHERE consultant_id = $1',
      [idOf(newcomer)],
    );
    expect(rows.rows).toHaveLength(1);
    // Never one save's profile with the other's hours.
    expect([
      { display_name: 'Dr. First', bio: 'first', horizon_days: 30 },
      { display_name: 'Dr. Second', bio: 'second', horizon_days: 10 },
    ]).toContainEqual(rows.rows[0]);
  });

  it('keeps a profile in its own clinic: publishing from another clinic is forbidden and audited', async () => {
    const response = await put({ profile: profile(), availability: hours() }, vet, clinicB).expect(403);
    expect(response.body.code).toBe(ErrorCode.Forbidden);
    expect((await audited()).at(-1)).toEqual({ action: 'consultant_profile.update', outcome: 'denied' });
    // Another consultant of B, acting in A, is not of A.
    await put({ profile: profile(), availability: hours() }, elsewhere, clinicA).expect(404);
  });
});
