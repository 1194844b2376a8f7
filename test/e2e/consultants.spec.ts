import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ErrorCode,
  type ConsultantAvailabilityPayload,
  type ConsultantAvailabilityView,
  type ConsultantDirectoryPage,
  type ConsultantOwnProfileView,
  type ConsultantProfilePayload,
  type ConsultantPublicView,
  type ConsultantSlotsView,
  type TimeOffView,
} from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import type { ErrorBody } from '@vetmeet/contracts';
import { AppError } from '../../apps/api/src/common/errors/app-error';
import { ConsultantSchedules } from '../../apps/api/src/consultants/consultant-schedules';
import { DatabaseContext } from '../../apps/api/src/database/database-context';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const everyDay = (start: string, end: string) => WEEKDAYS.map((weekday) => ({ weekday, start, end }));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const attachmentFixture = (name: string) => readFileSync(join(__dirname, '../fixtures/attachments', name));

/** The last Sunday of March of the next March still ahead: Europe's spring-forward day (the US changed two weeks earlier). */
function nextEuropeanSpringForward(now = new Date()): string {
  const year = now.getUTCFullYear() + (now.getUTCMonth() >= 2 ? 1 : 0);
  const lastOfMarch = new Date(Date.UTC(year, 2, 31));
  return isoDate(lastOfMarch.getTime() - lastOfMarch.getUTCDay() * DAY);
}

const profile = (overrides: Partial<ConsultantProfilePayload> = {}): ConsultantProfilePayload => ({
  displayName: 'Dr. Anna Berg',
  specialties: ['dermatology'],
  species: ['dog', 'cat'],
  languages: ['en', 'uk'],
  bio: 'Skin and coat problems in dogs and cats.',
  timeZone: 'Europe/Berlin',
  priceCurrency: 'EUR',
  offerings: [
    { durationMinutes: 30, priceAmount: 2500 },
    { durationMinutes: 60, priceAmount: 4500 },
  ],
  autoAccept: false,
  published: false,
  ...overrides,
});

const availability = (overrides: Partial<ConsultantAvailabilityPayload> = {}): ConsultantAvailabilityPayload => ({
  weeklyRules: everyDay('09:00', '12:00'),
  dateOverrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  minimumNoticeMinutes: 60,
  horizonDays: 366,
  dailyLimit: null,
  stepMinutes: 30,
  ...overrides,
});

describe('consultants: profiles, availability, directory and slots', () => {
  let testApp: TestApp;
  let db: Client;
  let clinicA: string;
  let clinicB: string;
  let berg: SignedIn; // consultant in A, Europe/Berlin
  let klein: SignedIn; // consultant in A and B
  let hidden: SignedIn; // consultant in B, never published
  let support: SignedIn;
  let admin: SignedIn; // clinic admin of A
  let owner: SignedIn;
  let ownersPet: string;

  const idOf = (who: SignedIn) => who.session.account.id;
  const inClinic = (who: SignedIn, clinicId: string) => ({ 'X-CSRF-Token': who.session.csrfToken, 'X-Clinic-Id': clinicId });
  const profilePath = (clinicId: string) => `/api/clinics/${clinicId}/consultant-profile`;
  const putProfile = (who: SignedIn, clinicId: string, body: unknown) => who.agent.put(profilePath(clinicId)).set(inClinic(who, clinicId)).send(body as object);
  const putAvailability = (who: SignedIn, clinicId: string, body: unknown) => who.agent.put(`${profilePath(clinicId)}/availability`).set(inClinic(who, clinicId)).send(body as object);
  const anonymous = () => request(testApp.baseUrl);
  const directory = async (query: Record<string, string | number> = {}) => (await anonymous().get('/api/consultants').query(query).expect(200)).body as ConsultantDirectoryPage;
  const namesIn = (page: ConsultantDirectoryPage) => page.items.map((item) => item.displayName);
  const audited = async (entityId: string) =>
    (await db.query<{ action: string; outcome: string }>('SELECT action, outcome FROM audit_events WHERE entity_id = $1 ORDER BY chain_seq', [entityId])).rows;

  beforeAll(async () => {
    testApp = await startTestApp();
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    [berg, klein, hidden, support, admin, owner] = await Promise.all(
      ['Anna Berg', 'Jonas Klein', 'Hidden Vet', 'Support Person', 'Clinic Admin', 'Pet Owner'].map((displayName) => registerAndSignIn(testApp.baseUrl, { displayName })),
    );
    clinicA = await createClinicWithStaff(testApp.database.url, 'Tierklinik Mitte', [
      { userId: idOf(berg), role: 'consultant' },
      { userId: idOf(klein), role: 'consultant' },
      { userId: idOf(support), role: 'support' },
      { userId: idOf(admin), role: 'clinic_admin' },
    ]);
    clinicB = await createClinicWithStaff(testApp.database.url, 'Kyiv Vet Online', [
      { userId: idOf(klein), role: 'consultant' },
      { userId: idOf(hidden), role: 'consultant' },
    ]);
    ownersPet = (await owner.agent.post('/api/pets').set('X-CSRF-Token', owner.session.csrfToken).send({ name: 'Rex', species: 'dog' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  describe("a consultant's own profile", () => {
    it('has none until created; then reads back exactly what was sent, and every change is audited', async () => {
      const none = await berg.agent.get(profilePath(clinicA)).set(inClinic(berg, clinicA)).expect(404);
      expect(none.body.code).toBe(ErrorCode.NotFound);

      const created = (await putProfile(berg, clinicA, profile()).expect(200)).body as ConsultantOwnProfileView;
      expect(created).toMatchObject({ ...profile(), id: idOf(berg), clinicId: clinicA, complete: false });
      const read = (await berg.agent.get(profilePath(clinicA)).set(inClinic(berg, clinicA)).expect(200)).body as ConsultantOwnProfileView;
      expect(read).toEqual(created);

      const sent = availability({
        dateOverrides: [
          { date: '2031-01-01', closed: true },
          { date: '2031-01-02', intervals: [{ start: '13:00', end: '15:30' }, { start: '18:00', end: '24:00' }] },
        ],
        dailyLimit: 6,
      });
      const saved = (await putAvailability(berg, clinicA, sent).expect(200)).body as ConsultantAvailabilityView;
      expect(saved).toEqual({ ...sent, timeZone: 'Europe/Berlin', timeOff: [] });
      expect((await berg.agent.get(`${profilePath(clinicA)}/availability`).set(inClinic(berg, clinicA)).expect(200)).body).toEqual(saved);

      const timeOff = { startsAt: '2030-07-01T00:00:00.000Z', endsAt: '2030-07-15T00:00:00.000Z' };
      const added = (await berg.agent.post(`${profilePath(clinicA)}/time-off`).set(inClinic(berg, clinicA)).send(timeOff).expect(201)).body as TimeOffView;
      expect(added).toEqual({ id: expect.any(String), ...timeOff });
      const withTimeOff = (await berg.agent.get(`${profilePath(clinicA)}/availability`).set(inClinic(berg, clinicA)).expect(200)).body as ConsultantAvailabilityView;
      expect(withTimeOff.timeOff).toEqual([added]);
      await berg.agent.delete(`${profilePath(clinicA)}/time-off/${added.id}`).set(inClinic(berg, clinicA)).expect(204);
      expect((await berg.agent.delete(`${profilePath(clinicA)}/time-off/${added.id}`).set(inClinic(berg, clinicA)).expect(404)).body.code).toBe(ErrorCode.NotFound);

      expect(await audited(idOf(berg))).toEqual(
        expect.arrayContaining([
          { action: 'consultant_profile.create', outcome: 'success' },
          { action: 'consultant_availability.update', outcome: 'success' },
        ]),
      );
      expect(await audited(added.id)).toEqual([
        { action: 'consultant_time_off.create', outcome: 'success' },
        { action: 'consultant_time_off.delete', outcome: 'success' },
        { action: 'consultant_time_off.delete', outcome: 'denied' },
      ]);
    });

    it('refuses bad input with VALIDATION_FAILED and a detail per field', async () => {
      const detailsOf = (body: ErrorBody) => (expect(body.code).toBe(ErrorCode.ValidationFailed), (body.details ?? []).join('\n'));
      const badZone = detailsOf((await putProfile(berg, clinicA, profile({ timeZone: 'Mars/Olympus_Mons' })).expect(400)).body);
      expect(badZone).toContain('timeZone: must be an IANA time zone');
      const badFields = detailsOf(
        (
          await putProfile(berg, clinicA, {
            ...profile({ languages: ['EN_us'], species: ['Dog!'], priceCurrency: 'eur', offerings: [{ durationMinutes: 2, priceAmount: -1 }] }),
            role: 'clinic_admin',
          }).expect(400)
        ).body,
      );
      for (const field of ['languages', 'species', 'priceCurrency', 'offerings.0.durationMinutes', 'offerings.0.priceAmount', 'property role should not exist']) expect(badFields).toContain(field);
      const twice = detailsOf((await putProfile(berg, clinicA, profile({ offerings: [{ durationMinutes: 30, priceAmount: 1 }, { durationMinutes: 30, priceAmount: 2 }] })).expect(400)).body);
      expect(twice).toContain('offerings: each consultation length at most once');

      const badRules = detailsOf(
        (
          await putAvailability(
            berg,
            clinicA,
            availability({ weeklyRules: [{ weekday: 'monday', start: '17:00', end: '09:00' }], dateOverrides: [{ date: '2031-02-30', closed: true }, { date: '2031-03-01' }, { date: '2031-03-01' }] }),
          ).expect(400)
        ).body,
      );
      expect(badRules).toContain('weeklyRules[0].end: must be after start');
      expect(badRules).toContain('dateOverrides[0].date: must be YYYY-MM-DD');
      expect(badRules).toContain('dateOverrides[2].date: is overridden twice');
      const badShape = detailsOf((await putAvailability(berg, clinicA, availability({ weeklyRules: [{ weekday: 'someday' as 'monday', start: '9:00', end: '25:00' }] })).expect(400)).body);
      for (const field of ['weeklyRules.0.weekday', 'weeklyRules.0.start', 'weeklyRules.0.end']) expect(badShape).toContain(field);

      const backwards = await berg.agent.post(`${profilePath(clinicA)}/time-off`).set(inClinic(berg, clinicA)).send({ startsAt: '2030-07-02T00:00:00Z', endsAt: '2030-07-01T00:00:00Z' }).expect(400);
      expect(backwards.body.details).toEqual(['endsAt: must be after startsAt']);
      // Nothing of the refused requests was kept.
      expect(((await berg.agent.get(profilePath(clinicA)).set(inClinic(berg, clinicA)).expect(200)).body as ConsultantOwnProfileView).timeZone).toBe('Europe/Berlin');
    });

    it('refuses to publish an incomplete profile, and to make a published one incomplete', async () => {
      const noAvailability = await putProfile(klein, clinicA, profile({ displayName: 'Dr. Jonas Klein', published: true })).expect(409);
      expect(noAvailability.body.code).toBe(ErrorCode.ConsultantProfileIncomplete);
      await putProfile(klein, clinicA, profile({ displayName: 'Dr. Jonas Klein' })).expect(200);
      // A closed date opens nothing.
      await putAvailability(klein, clinicA, availability({ weeklyRules: [], dateOverrides: [{ date: '2031-01-01', closed: true }] })).expect(200);
      expect((await putProfile(klein, clinicA, profile({ displayName: 'Dr. Jonas Klein', published: true })).expect(409)).body.code).toBe(ErrorCode.ConsultantProfileIncomplete);
      await putAvailability(klein, clinicA, availability({ weeklyRules: everyDay('14:00', '18:00') })).expect(200);
      expect((await putProfile(klein, clinicA, profile({ displayName: 'Dr. Jonas Klein', offerings: [], published: true })).expect(409)).body.code).toBe(
        ErrorCode.ConsultantProfileIncomplete,
      );

      const published = (await putProfile(klein, clinicA, profile({ displayName: 'Dr. Jonas Klein', published: true })).expect(200)).body as ConsultantOwnProfileView;
      expect(published).toMatchObject({ published: true, complete: true });
      expect((await putAvailability(klein, clinicA, availability({ weeklyRules: [] })).expect(409)).body.code).toBe(ErrorCode.ConsultantProfileIncomplete);
      expect(await audited(idOf(klein))).toEqual(
        expect.arrayContaining([
          { action: 'consultant_profile.publish', outcome: 'denied' },
          { action: 'consultant_profile.publish', outcome: 'success' },
          { action: 'consultant_availability.update', outcome: 'denied' },
        ]),
      );
    });

    it("lets nobody else edit a consultant's profile: not another consultant, not an owner, not support staff", async () => {
      const before = (await db.query('SELECT display_name, updated_at FROM consultant_profiles WHERE consultant_id = $1', [idOf(berg)])).rows[0];
      // Klein acting in clinic B reaches for clinic A: not found. Acting in A, the path only ever means his own profile (already in A).
      expect((await putProfile(klein, clinicB, profile({ displayName: 'Hijacked' })).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      const crossClinic = await klein.agent.put(profilePath(clinicA)).set(inClinic(klein, clinicB)).send(profile({ displayName: 'Hijacked' })).expect(404);
      expect(crossClinic.body.code).toBe(ErrorCode.NotFound);
      // An owner has no staff role: without a clinic, and claiming one.
      await owner.agent.put(profilePath(clinicA)).set('X-CSRF-Token', owner.session.csrfToken).send(profile()).expect(404);
      await owner.agent.put(profilePath(clinicA)).set(inClinic(owner, clinicA)).send(profile()).expect(404);
      expect((await putProfile(support, clinicA, profile()).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      expect((await putProfile(admin, clinicA, profile()).expect(403)).body.code).toBe(ErrorCode.Forbidden);
      expect((await db.query('SELECT count(*)::int AS n FROM consultant_profiles WHERE consultant_id = ANY($1)', [[idOf(owner), idOf(support), idOf(admin)]])).rows[0].n).toBe(0);
      expect((await db.query('SELECT display_name, updated_at FROM consultant_profiles WHERE consultant_id = $1', [idOf(berg)])).rows[0]).toEqual(before);
    });
  });

  describe('the public directory', () => {
    const springForward = nextEuropeanSpringForward();

    beforeAll(async () => {
      await putAvailability(berg, clinicA, availability({ dateOverrides: [{ date: springForward, closed: true }] })).expect(200);
      await putProfile(berg, clinicA, profile({ published: true })).expect(200);
      await putProfile(klein, clinicA, profile({ displayName: 'Dr. Jonas Klein', species: ['cat'], languages: ['de', 'en-GB'], specialties: ['cardiology'], published: true })).expect(200);
      await putProfile(hidden, clinicB, profile({ displayName: 'Dr. Hidden', species: ['dog'] })).expect(200);
      await putAvailability(hidden, clinicB, availability()).expect(200);
    });

    it('lists published consultants only, filtered by species, language and specialty, without any e-mail address', async () => {
      const all = await directory();
      expect(namesIn(all)).toEqual(['Dr. Anna Berg', 'Dr. Jonas Klein']);
      expect(all.nextCursor).toBeNull();
      expect(all.items[0]).toEqual({
        id: idOf(berg),
        displayName: 'Dr. Anna Berg',
        // A clinic that chose to show nothing more than its name (the default).
        clinic: { id: clinicA, name: 'Tierklinik Mitte', logoUrl: null, city: null, country: null, streetLines: null, postcode: null },
        specialties: ['dermatology'],
        species: ['dog', 'cat'],
        languages: ['en', 'uk'],
        timeZone: 'Europe/Berlin',
        offerings: [
          { durationMinutes: 30, priceAmount: 2500, priceCurrency: 'EUR' },
          { durationMinutes: 60, priceAmount: 4500, priceCurrency: 'EUR' },
        ],
        autoAccept: false,
        photoUrl: null,
        // The local test payment mode: every clinic takes (test) charges.
        takesPaidBookings: true,
      });
      expect(namesIn(await directory({ species: 'dog' }))).toEqual(['Dr. Anna Berg']);
      expect(namesIn(await directory({ species: 'cat' }))).toEqual(['Dr. Anna Berg', 'Dr. Jonas Klein']);
      expect(namesIn(await directory({ language: 'de' }))).toEqual(['Dr. Jonas Klein']);
      expect(namesIn(await directory({ language: 'en' }))).toEqual(['Dr. Anna Berg', 'Dr. Jonas Klein']);
      expect(namesIn(await directory({ specialty: 'cardiology' }))).toEqual(['Dr. Jonas Klein']);
      expect(namesIn(await directory({ species: 'rabbit' }))).toEqual([]);

      const body = JSON.stringify(all) + JSON.stringify((await anonymous().get(`/api/consultants/${idOf(berg)}`).expect(200)).body);
      for (const who of [berg, klein, hidden]) expect(body).not.toContain(who.email);
      expect(body).not.toContain('@');
    });

    it('pages with an opaque cursor, and refuses a forged one and unknown filters', async () => {
      const first = await directory({ limit: 1 });
      expect(namesIn(first)).toEqual(['Dr. Anna Berg']);
      const second = await directory({ limit: 1, cursor: first.nextCursor as string });
      expect(namesIn(second)).toEqual(['Dr. Jonas Klein']);
      expect(second.nextCursor).toBeNull();
      expect((await anonymous().get('/api/consultants').query({ cursor: 'not-a-cursor' }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
      expect((await anonymous().get('/api/consultants').query({ limit: 500 }).expect(400)).body.details.join()).toContain('limit');
      expect((await anonymous().get('/api/consultants').query({ email: 'x' }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
      const dateWithoutZone = await anonymous().get('/api/consultants').query({ date: '2031-01-01' }).expect(400);
      expect(dateWithoutZone.body.details).toEqual(['timeZone: is required with date']);
    });

    it('filters by a date in the viewer’s zone: only consultants with a free slot that day', async () => {
      // Berg closed that date; Klein works 14:00–18:00 Berlin, which is that date in New York too.
      expect(namesIn(await directory({ date: springForward, timeZone: 'America/New_York' }))).toEqual(['Dr. Jonas Klein']);
      const dayBefore = isoDate(Date.parse(springForward) - DAY);
      expect(namesIn(await directory({ date: dayBefore, timeZone: 'America/New_York' }))).toEqual(['Dr. Anna Berg', 'Dr. Jonas Klein']);
      // In Pacific/Kiritimati (UTC+14) that date begins at 10:00Z the day before: Berg's Saturday 11:00 (Berlin) slot is already Sunday there.
      expect(namesIn(await directory({ date: springForward, timeZone: 'Pacific/Kiritimati' }))).toEqual(['Dr. Anna Berg', 'Dr. Jonas Klein']);
      expect(namesIn(await directory({ date: springForward, timeZone: 'Pacific/Kiritimati', species: 'dog' }))).toEqual(['Dr. Anna Berg']);
    });

    it('shows one published consultant by id, and an unpublished or unknown one as not found', async () => {
      const view = (await anonymous().get(`/api/consultants/${idOf(berg)}`).expect(200)).body as ConsultantPublicView;
      expect(Object.keys(view).sort()).toEqual([
        'autoAccept', 'bio', 'bookingPolicy', 'clinic', 'displayName', 'id', 'languages', 'offerings', 'photoUrl',
        'specialties', 'species', 'takesPaidBookings', 'timeZone',
      ]);
      expect(view.bio).toBe(profile().bio);
      // The local test payment mode: every clinic takes (test) charges, with no Stripe account to connect.
      expect(view.takesPaidBookings).toBe(true);
      // The platform's terms, stated before booking: the defaults of BOOKING_FULL_REFUND_NOTICE_HOURS and BOOKING_HOLD_MINUTES.
      expect(view.bookingPolicy).toEqual({ fullRefundNoticeHours: 24, holdMinutes: 15 });
      expect((await anonymous().get(`/api/consultants/${idOf(hidden)}`).expect(404)).body.code).toBe(ErrorCode.NotFound);
      await anonymous().get(`/api/consultants/${randomUUID()}`).expect(404);
      await anonymous().get('/api/consultants/not-a-uuid').expect(400);
      // Signed in changes nothing: the hidden consultant is hidden from themselves too, here.
      await hidden.agent.get(`/api/consultants/${idOf(hidden)}`).expect(404);
    });
  });

  describe('the profile photo', () => {
    const PNG = attachmentFixture('photo.png');
    const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => done(null, Buffer.concat(parts)));
    };
    const upload = (who: SignedIn, clinicId: string, bytes: Buffer, fileName: string, contentType: string) =>
      who.agent.put(`${profilePath(clinicId)}/photo`).set(inClinic(who, clinicId)).attach('file', bytes, { filename: fileName, contentType });

    it('is stored encrypted, shown to anyone with a published profile, replaced and removed by its consultant only', async () => {
      const view = (await upload(berg, clinicA, PNG, 'me.png', 'image/png').expect(200)).body as ConsultantOwnProfileView;
      expect(view.photoUrl).toMatch(new RegExp(`^/api/clinics/${clinicA}/consultant-profile/photo\\?v=[0-9a-f-]{36}$`));
      const own = await berg.agent.get(view.photoUrl as string).buffer(true).parse(binary).expect(200);
      expect(own.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(own.body as Buffer, PNG)).toBe(0);
      const [{ photo_id: photoId }] = (await db.query('SELECT photo_id FROM consultant_profiles WHERE consultant_id = $1', [idOf(berg)])).rows;
      const stored = readFileSync(join(testApp.config.STORAGE_DIR as string, 'consultant-photos', photoId.slice(0, 2), photoId));
      expect(stored.includes(PNG.subarray(0, 16))).toBe(false);

      const published = (await anonymous().get(`/api/consultants/${idOf(berg)}`).expect(200)).body as ConsultantPublicView;
      expect(published.photoUrl).toBe(`/api/consultants/${idOf(berg)}/photo?v=${photoId}`);
      const shown = await anonymous().get(published.photoUrl as string).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(shown.body as Buffer, PNG)).toBe(0);
      // Unpublished: only its consultant sees it.
      await upload(hidden, clinicB, PNG, 'me.png', 'image/png').expect(200);
      await anonymous().get(`/api/consultants/${idOf(hidden)}/photo`).expect(404);

      const refused = await upload(berg, clinicA, attachmentFixture('lab-result.pdf'), 'me.png', 'image/png').expect(415);
      expect(refused.body.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
      await upload(support, clinicA, PNG, 'me.png', 'image/png').expect(403);
      expect((await db.query('SELECT photo_id FROM consultant_profiles WHERE consultant_id = $1', [idOf(berg)])).rows[0].photo_id).toBe(photoId);

      const replaced = (await upload(berg, clinicA, PNG, 'again.png', 'image/png').expect(200)).body as ConsultantOwnProfileView;
      expect(replaced.photoUrl).not.toBe(view.photoUrl);
      expect(() => readFileSync(join(testApp.config.STORAGE_DIR as string, 'consultant-photos', photoId.slice(0, 2), photoId))).toThrow(/ENOENT/);
      await berg.agent.delete(`${profilePath(clinicA)}/photo`).set(inClinic(berg, clinicA)).expect(204);
      await anonymous().get(`/api/consultants/${idOf(berg)}/photo`).expect(404);
      expect(((await anonymous().get(`/api/consultants/${idOf(berg)}`).expect(200)).body as ConsultantPublicView).photoUrl).toBeNull();
      expect((await audited(idOf(berg))).filter((event) => event.action.startsWith('consultant_photo'))).toEqual([
        { action: 'consultant_photo.upload', outcome: 'success' },
        { action: 'consultant_photo.upload', outcome: 'failure' },
        { action: 'consultant_photo.upload', outcome: 'success' },
        { action: 'consultant_photo.delete', outcome: 'success' },
      ]);
    });
  });

  describe('slots', () => {
    const springForward = nextEuropeanSpringForward();
    const dayBefore = isoDate(Date.parse(springForward) - DAY);
    const dayAfter = isoDate(Date.parse(springForward) + DAY);
    const slotsOf = async (consultant: SignedIn, query: Record<string, string | number>) =>
      (await anonymous().get(`/api/consultants/${idOf(consultant)}/slots`).query(query).expect(200)).body as ConsultantSlotsView;

    it("are computed in the consultant's zone across the clock change and shown in the viewer's", async () => {
      // Berg: 09:00–12:00 Berlin every day but the changeover Sunday (closed), 60 minutes on a 30-minute step.
      const view = await slotsOf(berg, { from: dayBefore, to: isoDate(Date.parse(dayAfter) + DAY), durationMinutes: 60, timeZone: 'America/New_York' });
      expect(view).toMatchObject({ consultantId: idOf(berg), durationMinutes: 60, priceAmount: 4500, priceCurrency: 'EUR', timeZone: 'America/New_York', consultantTimeZone: 'Europe/Berlin' });
      const byDate = (date: string) => view.slots.filter((slot) => slot.startsAt.startsWith(date));
      // Before: Berlin is UTC+1, so 09:00 there is 08:00Z and 04:00 in New York (already on summer time).
      expect(byDate(dayBefore).map((slot) => slot.startsAt.slice(11, 16))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00']);
      expect(byDate(dayBefore)[0]).toMatchObject({ date: dayBefore, startTime: '04:00', endTime: '05:00', endDate: dayBefore });
      expect(byDate(springForward)).toEqual([]);
      // After: UTC+2, so 09:00 Berlin is 07:00Z and 03:00 in New York.
      expect(byDate(dayAfter).map((slot) => slot.startsAt.slice(11, 16))).toEqual(['07:00', '07:30', '08:00', '08:30', '09:00']);
      expect(byDate(dayAfter)[0]).toMatchObject({ date: dayAfter, startTime: '03:00', endTime: '04:00' });
      expect(byDate(dayAfter)[0].label).toContain('03:00–04:00');
    });

    it('refuse bad queries with VALIDATION_FAILED and details', async () => {
      const bad = async (query: Record<string, string | number>) => {
        const response = await anonymous().get(`/api/consultants/${idOf(berg)}/slots`).query(query).expect(400);
        expect(response.body.code).toBe(ErrorCode.ValidationFailed);
        return (response.body.details as string[]).join('\n');
      };
      const base = { from: dayBefore, to: dayAfter, durationMinutes: 60, timeZone: 'America/New_York' };
      expect(await bad({ ...base, timeZone: 'Nowhere/Special' })).toContain('timeZone: must be an IANA time zone');
      expect(await bad({ ...base, to: isoDate(Date.parse(dayBefore) + 63 * DAY) })).toContain('to: at most 62 days after from');
      expect(await bad({ ...base, to: base.from })).toContain('to: must be after from');
      expect(await bad({ ...base, from: 'yesterday' })).toContain('from: must be an ISO 8601 instant or a date YYYY-MM-DD');
      expect(await bad({ ...base, durationMinutes: 45 })).toContain('durationMinutes: must be one of 30, 60');
      expect(await bad({ ...base, durationMinutes: 'long' })).toContain('durationMinutes');
      const { durationMinutes: _omitted, ...withoutLength } = base;
      expect(await bad(withoutLength)).toContain('durationMinutes');
      await anonymous().get(`/api/consultants/${idOf(hidden)}/slots`).query(base).expect(404);
    });

    describe('with bookings', () => {
      // The day after the clock change: 09:00 Berlin is 07:00Z.
      const at = (time: string) => new Date(`${dayAfter}T${time}:00.000Z`);
      let schedules: ConsultantSchedules;
      let context: DatabaseContext;
      const asOwner = <T>(work: (manager: EntityManager) => Promise<T>) => context.runAs({ userId: idOf(owner), clinicId: null }, work);
      const insertBooking = async (startsAt: Date, endsAt: Date, status: 'confirmed' | 'held', holdExpiresAt: Date | null = null) => {
        const id = randomUUID();
        // As the schema owner: the booking module owns how bookings are made; here one only has to exist.
        await db.query(
          `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, hold_expires_at, price_amount, price_currency, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8, $9, $10, 4500, 'EUR', 'Itchy skin')`,
          [id, clinicA, idOf(berg), idOf(owner), ownersPet, startsAt, endsAt, new Date(endsAt.getTime() + 15 * 60_000), status, holdExpiresAt],
        );
        return id;
      };
      const startsOn = async (date: string) =>
        (await slotsOf(berg, { from: date, to: isoDate(Date.parse(date) + DAY), durationMinutes: 60, timeZone: 'UTC' })).slots.map((slot) => slot.startsAt.slice(11, 16));
      let confirmed: string;

      beforeAll(() => {
        schedules = testApp.app.get(ConsultantSchedules);
        context = testApp.app.get(DatabaseContext);
      });

      it('remove the booked time and its buffer from the slots', async () => {
        confirmed = await insertBooking(at('07:00'), at('08:00'), 'confirmed');
        // 07:30 overlaps; 08:00 starts inside the 15-minute buffer after; 08:30 is clear of it.
        expect(await startsOn(dayAfter)).toEqual(['08:30', '09:00']);
        // A live hold blocks like a booking; a lapsed one does not.
        // Ranges are half-open: 08:30's buffer ends at 09:45, where the hold begins.
        await insertBooking(at('09:45'), at('10:15'), 'held', new Date(Date.now() + 10 * 60_000));
        const lapsed = isoDate(Date.parse(dayAfter) + DAY);
        await insertBooking(new Date(`${lapsed}T07:00:00.000Z`), new Date(`${lapsed}T08:00:00.000Z`), 'held', new Date(Date.now() - 60_000));
        expect(await startsOn(dayAfter)).toEqual(['08:30']);
        expect(await startsOn(lapsed)).toEqual(['07:00', '07:30', '08:00', '08:30', '09:00']);
      });

      it('answer isBookable and bookingTerms for the booking module, inside an owner’s transaction', async () => {
        const bookable = (startsAt: Date, minutes = 60, options?: { exceptBookingId?: string }) =>
          asOwner((manager) => schedules.isBookable(manager, idOf(berg), startsAt, minutes, options));
        expect(await bookable(at('08:30'))).toBe(true);
        expect(await bookable(at('07:30'))).toBe(false); // taken
        expect(await bookable(at('08:40'))).toBe(false); // not on the 30-minute grid
        expect(await bookable(at('08:30'), 45)).toBe(false); // a length not offered
        expect(await bookable(at('05:00'))).toBe(false); // before working hours
        expect(await bookable(new Date(Date.now() + 5 * 60_000))).toBe(false); // inside the minimum notice
        expect(await bookable(at('07:00'))).toBe(false);
        expect(await bookable(at('07:00'), 60, { exceptBookingId: confirmed })).toBe(true); // rescheduling that booking
        expect(await asOwner((manager) => schedules.isBookable(manager, idOf(hidden), at('07:00'), 60))).toBe(false); // unpublished

        expect(await asOwner((manager) => schedules.bookingTerms(manager, idOf(berg), 30))).toEqual({
          consultantId: idOf(berg),
          clinicId: clinicA,
          timeZone: 'Europe/Berlin',
          durationMinutes: 30,
          priceAmount: 2500,
          priceCurrency: 'EUR',
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: 15,
          autoAccept: false,
        });
        const refusal = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => (error instanceof AppError ? error.code : String(error)));
        expect(await refusal(asOwner((manager) => schedules.bookingTerms(manager, idOf(berg), 45)))).toBe(ErrorCode.ValidationFailed);
        expect(await refusal(asOwner((manager) => schedules.bookingTerms(manager, idOf(hidden), 30)))).toBe(ErrorCode.NotFound);
      });

      it('tell another owner only when the consultant is busy, through consultant_busy_intervals; bookings stay unreadable', async () => {
        const stranger = await registerAndSignIn(testApp.baseUrl, { displayName: 'Other Owner' });
        const rows = await context.runAs({ userId: idOf(stranger), clinicId: null }, async (manager) => ({
          busy: await manager.query('SELECT * FROM consultant_busy_intervals($1, $2, $3, NULL)', [idOf(berg), at('00:00'), at('23:59')]),
          readable: await manager.query('SELECT id FROM bookings'),
        }));
        expect(rows.readable).toEqual([]);
        expect(rows.busy.map((row: Record<string, unknown>) => Object.keys(row).sort())).toEqual([
          ['ends_at', 'is_hold', 'starts_at'],
          ['ends_at', 'is_hold', 'starts_at'],
        ]);
        expect(rows.busy.map((row: { is_hold: boolean }) => row.is_hold)).toEqual([false, true]);
        const nobody = await context.runAs(null, (manager) => manager.query('SELECT * FROM consultant_busy_intervals($1, $2, $3, $4)', [idOf(berg), at('00:00'), at('23:59'), confirmed]));
        expect(nobody).toHaveLength(1);
      });
    });
  });

  describe('row-level security of profiles', () => {
    const visibleTo = (scope: { userId: string | null; clinicId: string | null }) =>
      testApp.app
        .get(DatabaseContext)
        .run(scope, (manager) => manager.query<{ consultant_id: string }[]>('SELECT consultant_id FROM consultant_profiles ORDER BY display_name'))
        .then((rows) => rows.map((row) => row.consultant_id));

    it('shows published profiles to anyone, an unpublished one to its consultant and its clinic’s admins only', async () => {
      expect(await visibleTo({ userId: null, clinicId: null })).toEqual([idOf(berg), idOf(klein)]);
      expect(await visibleTo({ userId: idOf(owner), clinicId: null })).toEqual([idOf(berg), idOf(klein)]);
      expect(await visibleTo({ userId: idOf(hidden), clinicId: clinicB })).toEqual([idOf(berg), idOf(hidden), idOf(klein)]);
      // Klein is a colleague of the hidden consultant in clinic B, but not an admin.
      expect(await visibleTo({ userId: idOf(klein), clinicId: clinicB })).toEqual([idOf(berg), idOf(klein)]);
      await db.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), clinicB, idOf(admin), 'clinic_admin']);
      expect(await visibleTo({ userId: idOf(admin), clinicId: clinicB })).toEqual([idOf(berg), idOf(hidden), idOf(klein)]);
      expect(await visibleTo({ userId: idOf(admin), clinicId: clinicA })).toEqual([idOf(berg), idOf(klein)]);
    });

    it('refuses writes to a profile that is not the actor’s own, in the database too', async () => {
      const context = testApp.app.get(DatabaseContext);
      const updated = await context.run({ userId: idOf(klein), clinicId: clinicA }, (manager) =>
        manager.query("UPDATE consultant_profiles SET display_name = 'Hijacked' WHERE consultant_id = $1", [idOf(berg)]),
      );
      expect(updated[1]).toBe(0);
      await expect(
        context.run({ userId: idOf(owner), clinicId: null }, (manager) =>
          manager.query("INSERT INTO consultant_profiles (consultant_id, clinic_id, display_name, time_zone, price_currency) VALUES ($1, $2, 'Fake', 'UTC', 'EUR')", [idOf(owner), clinicA]),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
