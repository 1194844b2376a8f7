import {
  ErrorCode,
  ROOM_NAMESPACE,
  RoomRequest,
  type AuditEventPage,
  type BookingCreatedView,
  type ErrorBody,
} from '@vetmeet/contracts';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { newAccount, registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { book, firstSlot, publishConsultant, requestBooking } from '../support/bookings';
import { createClinicWithStaff } from '../support/clinics';
import { asSchemaOwner, createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { captureLogs, type CapturedLogs } from '../support/log-capture';
import { connectRoomClient, cookieHeaderOf, roomCall, roomRequest, type RoomClient } from '../support/room-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** ISO 8601 forms that class-validator's IsISO8601 accepted and `new Date` cannot read. */
const UNREADABLE_DATES = ['2026-W50-3', '20261210T160000Z', '2026-12-10T16:00:00,5Z', '2026-344'];
const LONE_SURROGATE = JSON.parse('"Bar\\ud800sik"') as string;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * What an attacker's probe sent that passed validation and then failed inside (500, a stack in
 * the log) or was stored altered. Each must be a 400 VALIDATION_FAILED naming the field, over
 * HTTP and socket.io, with nothing of the input in the log.
 */
describe('hostile input that used to pass validation', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let booking: BookingCreatedView;
  let admin: SignedIn;
  let auditClinic: string;
  let logs: CapturedLogs;
  let address = 0;
  /** Each unauthenticated request from its own documentation address, clear of per-address rate limits. */
  const fromNewAddress = () => ({ 'X-Forwarded-For': `203.0.113.${(address += 1)}` });

  const expectRefused = (response: request.Response, field: RegExp) => {
    const body = response.body as ErrorBody;
    expect({ status: response.status, code: body.code }).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
    expect(body.details).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
  };

  beforeAll(async () => {
    logs = captureLogs();
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    fixture = await createConsultationFor(testApp);
    await publishConsultant(fixture);
    booking = await book(fixture, (await firstSlot(fixture, { fromMinutes: 120 })).startsAt);
    admin = await registerAndSignIn(testApp.baseUrl);
    const staff = [{ userId: admin.session.account.id, role: 'clinic_admin' as const }];
    auditClinic = await createClinicWithStaff(testApp.database.url, 'Audited clinic', staff);
  });
  beforeEach(() => logs.clear());
  afterAll(async () => {
    await testApp?.close();
    logs?.restore();
  });

  describe('dates that look like ISO 8601 but are not RFC 3339', () => {
    it.each(UNREADABLE_DATES)('%p is refused by booking, reschedule, consultation, time off, export', async (value) => {
      const { owner, consultant, clinicId } = fixture;
      expectRefused(await requestBooking(fixture, value), /^startsAt: /);
      const reschedule = owner.agent.post(`/api/bookings/${booking.booking.id}/reschedule`).set(owner.csrf);
      expectRefused(await reschedule.send({ startsAt: value }), /^startsAt: /);
      const consultation = { ownerEmail: owner.email, petName: fixture.pet.name, startsAt: value, durationMinutes: 30 };
      const asConsultant = (path: string, body: object) =>
        consultant.agent.post(path).set(consultant.inClinic).send(body);
      expectRefused(await asConsultant(`/api/clinics/${clinicId}/consultations`, consultation), /^startsAt: /);
      const timeOff = (body: object) => asConsultant(`/api/clinics/${clinicId}/consultant-profile/time-off`, body);
      expectRefused(await timeOff({ startsAt: value, endsAt: '2031-08-02T00:00:00Z' }), /^startsAt: /);
      expectRefused(await timeOff({ startsAt: '2031-08-01T00:00:00Z', endsAt: value }), /^endsAt: /);
      const auditExport = (query: object) =>
        admin.agent.get(`/api/clinics/${auditClinic}/audit-events/export`).set('X-Clinic-Id', auditClinic).query(query);
      expectRefused(await auditExport({ from: value }), /^from: /);
      expectRefused(await auditExport({ to: value }), /^to: /);
      expect(logs.errors()).toEqual([]);
    });

    it('refuses a slot range whose instant does not exist instead of rolling it over to another day', async () => {
      const slots = (from: string) =>
        fixture.owner.agent
          .get(`/api/consultants/${fixture.consultant.userId}/slots`)
          .query({ from, to: '2027-03-05T00:00:00Z', durationMinutes: 30, timeZone: 'UTC' });
      for (const from of ['2027-02-30T00:00:00Z', '2027-03-01T24:00:00Z', '2027-03-01T10:00:60Z']) {
        expectRefused(await slots(from), /^from: /);
      }
      await slots('2027-03-01T10:00:00.000+02:00').expect(200);
    });

    it('refuses them (and days that do not exist) where a date is meant, takes real dates and offsets', async () => {
      const addPet = (birthDate: string) =>
        fixture.owner.agent.post('/api/pets').set(fixture.owner.csrf).send({ name: 'Rex', species: 'dog', birthDate });
      for (const birthDate of ['2026-344', '2026-W50-3', '20210402', '2021-02-29']) {
        expectRefused(await addPet(birthDate), /^birthDate: /);
      }
      await addPet('2020-02-29').expect(201);
      const period = { from: '2026-01-01T00:00:00+14:00', to: '2099-12-31T23:59:59.999-12:00' };
      const exportPath = `/api/clinics/${auditClinic}/audit-events/export`;
      await admin.agent.get(exportPath).set('X-Clinic-Id', auditClinic).query(period).expect(200);
    });
  });

  describe('a NUL character, which PostgreSQL text cannot hold', () => {
    it('is refused in an unauthenticated sign-in, password included, and the password is not logged', async () => {
      const password = `${STRONG_PASSWORD}\u0000 secret-tail-7f3a`;
      const anonymous = (path: string, body: object) =>
        request(testApp.baseUrl).post(path).set(fromNewAddress()).send(body);
      const nulEmail = { email: `${fixture.owner.email}\u0000`, password: STRONG_PASSWORD };
      expectRefused(await anonymous('/api/auth/sign-in', nulEmail), /^email: must not contain a NUL character$/);
      const nulPassword = { email: fixture.owner.email, password };
      expectRefused(await anonymous('/api/auth/sign-in', nulPassword), /^password: must not contain a NUL/);
      const registration = newAccount({ displayName: 'Ma\u0000ria' });
      expectRefused(await anonymous('/api/accounts', registration), /^displayName: /);
      expect(logs.errors()).toEqual([]);
      expect(logs.lines.join('\n')).not.toContain('secret-tail-7f3a');
    });

    it('is refused in a body, a query string and a route param, naming the field', async () => {
      const { owner, consultant } = fixture;
      const pet = { name: 'Rex\u0000', species: 'dog' };
      expectRefused(await owner.agent.post('/api/pets').set(owner.csrf).send(pet), /^name: must not contain a NUL/);
      const slot = await firstSlot(fixture, { fromMinutes: 600 });
      expectRefused(await requestBooking(fixture, slot.startsAt, { reason: 'itchy\u0000' }), /^reason: /);
      const bookings = { as: 'owner', period: 'upcoming', cursor: 'abc\u0000' };
      expectRefused(await owner.agent.get('/api/bookings').query(bookings), /^cursor: must not contain a NUL/);
      const directory = { date: '2027-01-05', timeZone: 'Europe/Kyiv\u0000' };
      expectRefused(await owner.agent.get('/api/consultants').query(directory), /^timeZone: /);
      expectRefused(await owner.agent.get('/api/pets/%00'), /^id: must not contain a NUL character$/);
      const consultation = { ownerEmail: owner.email, petName: `${fixture.pet.name}\u0000`, durationMinutes: 30 };
      const path = `/api/clinics/${fixture.clinicId}/consultations`;
      expectRefused(await consultant.agent.post(path).set(consultant.inClinic).send(consultation), /^petName: /);
      expect(logs.errors()).toEqual([]);
    });
  });

  it('refuses a lone surrogate instead of storing U+FFFD in its place', async () => {
    const { owner } = fixture;
    const pet = { name: LONE_SURROGATE, species: 'cat' };
    expectRefused(await owner.agent.post('/api/pets').set(owner.csrf).send(pet), /^name: must be well-formed/);
    await owner.agent.post('/api/pets').set(owner.csrf).send({ name: 'Barsik 🐈', species: 'cat' }).expect(201);
  });

  describe('nesting', () => {
    it('refuses a body nested 40,000 deep (arrays) or 15,000 (objects, as 100 kB hold), no stack logged', async () => {
      const { owner } = fixture;
      const post = (json: string) =>
        owner.agent.post('/api/pets').set(owner.csrf).set('Content-Type', 'application/json').send(json);
      const deepArrays = `{"name":${nestedArrays(40_000)},"species":"cat"}`;
      expectRefused(await post(deepArrays), /^name(\.0)+: nested deeper than 32 levels$/);
      const deepObjects = `{"name":${nestedObjects(15_000)},"species":"cat"}`;
      expectRefused(await post(deepObjects), /^name(\.a)+: nested deeper than 32 levels$/);
      expectRefused(await post(nestedArrays(40_000)), /^0(\.0)+: nested deeper than 32 levels$/);
      expect(logs.errors()).toEqual([]);
    });

    it('still answers a flat array as big as the body limit allows, quickly', async () => {
      const { owner } = fixture;
      const started = Date.now();
      const huge = { name: 'Rex', species: 'dog', photoIds: new Array(45_000).fill(0) };
      expectRefused(await owner.agent.post('/api/pets').set(owner.csrf).send(huge), /photoIds/);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('bigint cursors of the audit log', () => {
    const page = (before: string) =>
      admin.agent.get(`/api/clinics/${auditClinic}/audit-events`).set('X-Clinic-Id', auditClinic).query({ before });

    it('refuses before beyond the bigint column, zero, negatives and anything but digits', async () => {
      for (const before of ['9223372036854775808', '99999999999999999999', '0', '-1', '1e3', '01', '1.5', ' 1']) {
        expectRefused(await page(before), /^before: /);
      }
      expect(logs.errors()).toEqual([]);
    });

    it('takes the largest bigint and values past 2^53 exactly', async () => {
      expect(((await page('9223372036854775807').expect(200)).body as AuditEventPage).events.length).toBeGreaterThan(0);
      await page('9007199254740993').expect(200);
    });
  });

  it("refuses null for a pet's name, species or sex on update (they cannot be cleared), not a 500", async () => {
    const { owner, pet } = fixture;
    const update = (changes: object) => owner.agent.patch(`/api/pets/${pet.id}`).set(owner.csrf).send(changes);
    for (const field of ['name', 'species', 'sex']) {
      expectRefused(await update({ [field]: null }), new RegExp(`^${field}: `));
    }
    await update({ breed: null, sex: 'female' }).expect(200);
    expect(logs.errors()).toEqual([]);
  });

  it('logs a database failure by its SQLSTATE and where it happened, never its message (it quotes input)', async () => {
    const { owner } = fixture;
    const marker = `Secret-${randomUUID().slice(0, 8)}`;
    // A trigger that fails the way PostgreSQL does on bad input: the value in the message and the detail.
    await asSchemaOwner(testApp.database.url, async (client) => {
      await client.query(`CREATE FUNCTION test_refuse_pet() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'refused pet name %', NEW.name
            USING ERRCODE = 'check_violation', DETAIL = 'Key (name)=(' || NEW.name || ')';
        END $$`);
      await client.query(
        'CREATE TRIGGER test_refuse_pet BEFORE INSERT ON pets FOR EACH ROW EXECUTE FUNCTION test_refuse_pet()',
      );
    });
    try {
      const response = await owner.agent.post('/api/pets').set(owner.csrf).send({ name: marker, species: 'cat' });
      expect(response.status).toBe(500);
      expect((response.body as ErrorBody).code).toBe(ErrorCode.Internal);
    } finally {
      const dropTrigger = 'DROP TRIGGER test_refuse_pet ON pets; DROP FUNCTION test_refuse_pet()';
      await asSchemaOwner(testApp.database.url, (client) => client.query(dropTrigger));
    }
    const errors = logs.errors();
    const loggedWithCode = (message: string) =>
      errors.some((line) => line.includes('"code":"23514"') && line.includes(message));
    expect(loggedWithCode('query failed')).toBe(true);
    expect(loggedWithCode('unhandled error in HTTP request')).toBe(true);
    expect(logs.lines.join('\n')).not.toContain(marker);
  });

  describe('over socket.io', () => {
    let socket: RoomClient;
    let ackIds = 900_000;

    /**
     * Sends an event as raw socket.io text, so the client library never walks the payload (its
     * binary check and JSON.stringify recurse too), and resolves with the acknowledgement.
     */
    const sendRaw = (event: string, payloadJson: string): Promise<unknown> => {
      const engine = (socket as unknown as Socket).io.engine;
      const ackId = (ackIds += 1);
      const ackPrefix = `3${ROOM_NAMESPACE},${ackId}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no acknowledgement for ${event} within 5 s`)), 5_000);
        const onPacket = (packet: { type: string; data?: unknown }) => {
          if (packet.type !== 'message' || typeof packet.data !== 'string') return;
          if (!packet.data.startsWith(ackPrefix)) return;
          clearTimeout(timer);
          engine.off('packet', onPacket);
          resolve((JSON.parse(packet.data.slice(ackPrefix.length)) as unknown[])[0]);
        };
        engine.on('packet', onPacket);
        engine.write(`2${ROOM_NAMESPACE},${ackId}${JSON.stringify([event]).slice(0, -1)},${payloadJson}]`);
      });
    };
    const refusedAs = (field: RegExp) => ({
      ok: false,
      error: expect.objectContaining({ code: ErrorCode.ValidationFailed, details: [expect.stringMatching(field)] }),
    });

    beforeAll(async () => {
      socket = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
    });
    afterAll(() => socket?.disconnect());

    it('answers a payload nested 30,000 deep (what 64 KiB holds) with VALIDATION_FAILED; socket stays', async () => {
      const join = (password: string) =>
        sendRaw(RoomRequest.Join, `{"consultationId":"${fixture.consultationId}","password":${password}}`);
      await expect(join(nestedArrays(30_000))).resolves.toEqual(refusedAs(/^password(\.0)+: nested deeper than 32/));
      await expect(join(nestedObjects(10_000))).resolves.toEqual(refusedAs(/^password(\.a)+: nested deeper than 32/));
      const ping = sendRaw(RoomRequest.Ping, nestedArrays(30_000));
      await expect(ping).resolves.toEqual(refusedAs(/^0(\.0)+: nested deeper than 32 levels$/));
      expect(socket.connected).toBe(true);
      await expect(roomCall(socket, RoomRequest.Ping)).resolves.toEqual({ serverTime: expect.any(String) });
      expect(logs.errors()).toEqual([]);
    });

    it('refuses NUL and lone surrogates in a payload, naming the field', async () => {
      await roomCall(socket, RoomRequest.Join, { consultationId: fixture.consultationId });
      const chat = (text: string) =>
        roomRequest(socket, RoomRequest.SendChatMessage, { clientMessageId: randomUUID(), text });
      await expect(chat('he ate\u0000')).resolves.toEqual(refusedAs(/^text: must not contain a NUL/));
      await expect(chat(LONE_SURROGATE)).resolves.toEqual(refusedAs(/^text: must be well-formed/));
      const passwordWithNul = { consultationId: fixture.consultationId, password: 'grey\u0000heron' };
      const join = roomRequest(socket, RoomRequest.Join, passwordWithNul);
      await expect(join).resolves.toEqual(refusedAs(/^password: /));
      expect(socket.connected).toBe(true);
      expect(logs.errors()).toEqual([]);
    });
  });
});
