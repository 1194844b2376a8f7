import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ErrorCode,
  type ClinicProfilePayload,
  type ClinicProfileView,
  type ConsultantDirectoryPage,
  type ConsultantPublicView,
} from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { DatabaseContext } from '../../apps/api/src/database/database-context';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/attachments', name));
const PNG = fixture('photo.png');

const clinicProfile = (overrides: Partial<ClinicProfilePayload> = {}): ClinicProfilePayload => ({
  name: 'Tierklinik Mitte',
  address: { lines: ['Torstraße 1', 'Hinterhaus'], city: 'Berlin', postcode: '10119', country: 'DE' },
  defaultCurrency: 'CHF',
  timeZone: 'Europe/Berlin',
  directory: { showLogo: true, address: 'city' },
  ...overrides,
});

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  response.on('data', (part: Buffer) => parts.push(part));
  response.on('end', () => done(null, Buffer.concat(parts)));
};

describe('clinic profiles: kept by clinic admins, shown in the directory as they choose', () => {
  let testApp: TestApp;
  let db: Client;
  let clinicA: string;
  let clinicB: string;
  let admin: SignedIn;
  let consultant: SignedIn;
  let support: SignedIn;
  let otherAdmin: SignedIn;

  const idOf = (who: SignedIn) => who.session.account.id;
  const inClinic = (who: SignedIn, clinicId: string) => ({
    'X-CSRF-Token': who.session.csrfToken,
    'X-Clinic-Id': clinicId,
  });
  const profilePath = (clinicId: string) => `/api/clinics/${clinicId}/profile`;
  const put = (who: SignedIn, clinicId: string, body: unknown) =>
    who.agent.put(profilePath(clinicId)).set(inClinic(who, clinicId)).send(body as object);
  const get = async (clinicId = clinicA) =>
    (await admin.agent.get(profilePath(clinicId)).set(inClinic(admin, clinicId)).expect(200)).body as ClinicProfileView;
  const upload = (who: SignedIn, bytes: Buffer, fileName: string, contentType: string) =>
    who.agent
      .put(`${profilePath(clinicA)}/logo`)
      .set(inClinic(who, clinicA))
      .attach('file', bytes, { filename: fileName, contentType });
  const removeLogo = (who: SignedIn) => who.agent.delete(`${profilePath(clinicA)}/logo`).set(inClinic(who, clinicA));
  const anonymous = () => request(testApp.baseUrl);
  const storedLogo = (logoId: string) =>
    readFileSync(join(testApp.config.STORAGE_DIR as string, 'clinic-logos', logoId.slice(0, 2), logoId));
  const logoIdOf = async (clinicId: string) =>
    (await db.query<{ logo_id: string }>('SELECT logo_id FROM clinics WHERE id = $1', [clinicId])).rows[0].logo_id;
  const audited = async (action: string) => {
    const sql = 'SELECT outcome FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY chain_seq';
    return (await db.query<{ outcome: string }>(sql, [action, clinicA])).rows.map((row) => row.outcome);
  };
  const publicationOf = async (who: SignedIn) => {
    const path = `/api/clinics/${clinicA}/consultant-publication`;
    return (await who.agent.get(path).set(inClinic(who, clinicA)).expect(200)).body;
  };
  const cardOf = async () => {
    const page = (await anonymous().get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    return page.items.find((item) => item.id === idOf(consultant));
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    [admin, consultant, support, otherAdmin] = await Promise.all(
      ['Clinic Admin', 'Dr. Card', 'Support Person', 'Other Admin'].map((displayName) =>
        registerAndSignIn(testApp.baseUrl, { displayName }),
      ),
    );
    clinicA = await createClinicWithStaff(testApp.database.url, 'Clinic A', [
      { userId: idOf(admin), role: 'clinic_admin' },
      { userId: idOf(consultant), role: 'consultant' },
      { userId: idOf(support), role: 'support' },
    ]);
    clinicB = await createClinicWithStaff(testApp.database.url, 'Clinic B', [
      { userId: idOf(otherAdmin), role: 'clinic_admin' },
    ]);
    // A published consultant, through the one-flow endpoint: the clinic is then in the directory.
    await consultant.agent
      .put(`/api/clinics/${clinicA}/consultant-publication`)
      .set(inClinic(consultant, clinicA))
      .send({
        profile: {
          displayName: 'Dr. Card', specialties: [], species: ['dog'], languages: ['en'], bio: '', timeZone: 'UTC',
          priceCurrency: 'EUR', offerings: [{ durationMinutes: 30, priceAmount: 3000 }], autoAccept: false,
          published: true,
        },
        availability: {
          weeklyRules: [{ weekday: 'monday', start: '09:00', end: '12:00' }], dateOverrides: [], bufferBeforeMinutes: 0,
          bufferAfterMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 60, dailyLimit: null, stepMinutes: null,
        },
      })
      .expect(200);
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  it('starts from defaults, reads back exactly what its admin saved, and audits the change', async () => {
    expect(await get()).toEqual({
      id: clinicA,
      name: 'Clinic A',
      address: { lines: [], city: '', postcode: '', country: null },
      defaultCurrency: 'EUR',
      timeZone: 'UTC',
      directory: { showLogo: false, address: 'none' },
      logoUrl: null,
    });
    const saved = (await put(admin, clinicA, clinicProfile({ name: '  Tierklinik Mitte  ' })).expect(200))
      .body as ClinicProfileView;
    expect(saved).toEqual({ ...clinicProfile(), id: clinicA, logoUrl: null });
    expect(await get()).toEqual(saved);
    expect(await audited('clinic_profile.update')).toEqual(['success']);
  });

  it('refuses hostile or wrong input with VALIDATION_FAILED, a detail per field, and changes nothing', async () => {
    const before = await get();
    const noAddress = { lines: [], city: '', postcode: '', country: null };
    const bad: [string, unknown][] = [
      ['an empty name', clinicProfile({ name: '   ' })],
      ['a name of 121 characters', clinicProfile({ name: 'x'.repeat(121) })],
      ['a control character in the name', clinicProfile({ name: 'Clinic\u0000A' })],
      ['four address lines', clinicProfile({ address: { ...noAddress, lines: ['1', '2', '3', '4'] } })],
      ['an address line of 101 characters', clinicProfile({ address: { ...noAddress, lines: ['y'.repeat(101)] } })],
      ['a lower-case country', clinicProfile({ address: { ...noAddress, country: 'de' } })],
      ['a postcode with markup', clinicProfile({ address: { ...noAddress, postcode: '<b>1</b>' } })],
      ['an address that is a string', { ...clinicProfile(), address: 'Torstraße 1' }],
      ['a currency Stripe does not charge', clinicProfile({ defaultCurrency: 'XXX' })],
      ['a lower-case currency', clinicProfile({ defaultCurrency: 'eur' })],
      ['an unknown address setting', { ...clinicProfile(), directory: { showLogo: true, address: 'everything' } }],
      ['showLogo as a string', { ...clinicProfile(), directory: { showLogo: 'yes', address: 'city' } }],
      ['an unknown field', { ...clinicProfile(), status: 'approved' }],
      ['an id in the body', { ...clinicProfile(), id: clinicB }],
      ['an array body', [clinicProfile()]],
      ['a time zone that does not exist', clinicProfile({ timeZone: 'Mars/Olympus_Mons' })],
    ];
    for (const [what, body] of bad) {
      const response = await put(admin, clinicA, body);
      const answer = { what, status: response.status, code: response.body.code };
      expect(answer).toEqual({ what, status: 400, code: ErrorCode.ValidationFailed });
      expect(response.body.details?.length ?? 0).toBeGreaterThan(0);
    }
    expect(await get()).toEqual(before);
    // The zone is checked by the service (class-validator cannot), so that refusal is audited.
    expect(await audited('clinic_profile.update')).toEqual(['success', 'denied']);
  });

  it('is changed by the clinic admins only: other staff are forbidden, another clinic does not exist', async () => {
    for (const who of [consultant, support]) {
      const refused = await put(who, clinicA, clinicProfile({ name: 'Taken over' })).expect(403);
      expect(refused.body.code).toBe(ErrorCode.Forbidden);
      const unread = await who.agent.get(profilePath(clinicA)).set(inClinic(who, clinicA)).expect(403);
      expect(unread.body.code).toBe(ErrorCode.Forbidden);
    }
    const fromB = inClinic(otherAdmin, clinicB);
    await otherAdmin.agent.put(profilePath(clinicA)).set(fromB).send(clinicProfile({ name: 'Taken over' })).expect(404);
    await anonymous().get(profilePath(clinicA)).expect(401);
    expect((await get()).name).toBe('Tierklinik Mitte');
  });

  it('is refused by the database to any member but an admin acting in it, whatever the service does', async () => {
    const database = testApp.app.get(DatabaseContext);
    const rename = (who: SignedIn, clinicId: string) =>
      database.runAs({ userId: idOf(who), clinicId }, async (manager) => {
        // TypeORM answers an UPDATE with [rows, affected].
        const sql = `UPDATE clinics SET name = 'Renamed' WHERE id = $1`;
        const [, affected] = (await manager.query(sql, [clinicA])) as [unknown, number];
        return affected;
      });
    expect(await rename(consultant, clinicA)).toBe(0);
    expect(await rename(support, clinicA)).toBe(0);
    expect(await rename(otherAdmin, clinicB)).toBe(0);
    expect(await rename(admin, clinicB)).toBe(0);
    expect((await get()).name).toBe('Tierklinik Mitte');
    // Columns operators decide are not the runtime role's to write at all.
    const backdate = database.runAs({ userId: idOf(admin), clinicId: clinicA }, (manager) =>
      manager.query('UPDATE clinics SET created_at = now() WHERE id = $1', [clinicA]),
    );
    await expect(backdate).rejects.toThrow(/permission denied/);
  });

  describe('the logo', () => {
    it('is stored encrypted, typed by its bytes, public while shown, changed by admins only', async () => {
      const view = (await upload(admin, PNG, 'logo.png', 'image/png').expect(200)).body as ClinicProfileView;
      expect(view.logoUrl).toMatch(new RegExp(`^/api/clinics/${clinicA}/profile/logo\\?v=[0-9a-f-]{36}$`));
      const logoId = await logoIdOf(clinicA);
      expect(storedLogo(logoId).includes(PNG.subarray(16, 64))).toBe(false);
      // Staff read it without X-Clinic-Id (an <img> sends none); others do not.
      const own = await consultant.agent.get(view.logoUrl as string).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(own.body as Buffer, PNG)).toBe(0);
      expect(own.headers['content-type']).toBe('image/png');
      await otherAdmin.agent.get(view.logoUrl as string).expect(404);

      const shown = (await cardOf())?.clinic;
      expect(shown).toEqual({
        id: clinicA, name: 'Tierklinik Mitte', logoUrl: `/api/clinics/${clinicA}/logo?v=${logoId}`,
        city: 'Berlin', country: 'DE', streetLines: null, postcode: null,
      });
      const open = await anonymous().get(shown?.logoUrl as string).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(open.body as Buffer, PNG)).toBe(0);

      await put(admin, clinicA, clinicProfile({ directory: { showLogo: false, address: 'full' } })).expect(200);
      await anonymous().get(`/api/clinics/${clinicA}/logo`).expect(404);
      const page = (await anonymous().get(`/api/consultants/${idOf(consultant)}`).expect(200))
        .body as ConsultantPublicView;
      expect(page.clinic).toEqual({
        id: clinicA, name: 'Tierklinik Mitte', logoUrl: null, city: 'Berlin', country: 'DE',
        streetLines: ['Torstraße 1', 'Hinterhaus'], postcode: '10119',
      });
      // A clinic without a published consultant is not in the directory: its logo is not public.
      await anonymous().get(`/api/clinics/${clinicB}/logo`).expect(404);
      await put(admin, clinicA, clinicProfile()).expect(200);

      for (const who of [consultant, support]) {
        expect((await upload(who, PNG, 'logo.png', 'image/png').expect(403)).body.code).toBe(ErrorCode.Forbidden);
      }
      const program = await upload(admin, fixture('program.exe'), 'logo.png', 'image/png').expect(415);
      expect(program.body.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
      // An SVG could carry script: not an image type a logo takes, whatever it claims.
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const script = await upload(admin, svg, 'logo.png', 'image/png').expect(415);
      expect(script.body.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
      const tooBig = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
      const big = await upload(admin, tooBig, 'big.png', 'image/png').expect(413);
      expect(big.body.code).toBe(ErrorCode.PayloadTooLarge);
      expect(await logoIdOf(clinicA)).toBe(logoId);

      const replaced = (await upload(admin, PNG, 'new.png', 'image/png').expect(200)).body as ClinicProfileView;
      expect(replaced.logoUrl).not.toBe(view.logoUrl);
      expect(() => storedLogo(logoId)).toThrow(/ENOENT/);
      await removeLogo(support).expect(403);
      await removeLogo(admin).expect(204);
      expect((await removeLogo(admin).expect(404)).body.code).toBe(ErrorCode.NotFound);
      await anonymous().get(`/api/clinics/${clinicA}/logo`).expect(404);
      expect((await cardOf())?.clinic.logoUrl).toBeNull();
      expect(await audited('clinic_logo.upload')).toEqual(['success', 'failure', 'failure', 'failure', 'success']);
      expect(await audited('clinic_logo.delete')).toEqual(['success']);
    });
  });

  it("pre-fills a new consultant's currency and time zone from the clinic's defaults", async () => {
    const newcomer = await registerAndSignIn(testApp.baseUrl, { displayName: 'Newcomer' });
    const join = `INSERT INTO clinic_memberships (id, clinic_id, user_id, role)
      VALUES (gen_random_uuid(), $1, $2, 'consultant')`;
    await db.query(join, [clinicA, idOf(newcomer)]);
    const start = await publicationOf(newcomer);
    const defaults = { priceCurrency: 'CHF', timeZone: 'Europe/Berlin' };
    expect(start).toMatchObject({ profile: null, availability: null, defaults });
    expect(start.clinic).toMatchObject({ id: clinicA, name: 'Tierklinik Mitte', city: 'Berlin' });
    // The preview's logo comes from the staff address: it shows before the clinic is in the directory.
    await put(admin, clinicA, clinicProfile()).expect(200);
    await upload(admin, PNG, 'logo.png', 'image/png').expect(200);
    const withLogo = await publicationOf(newcomer);
    expect(withLogo.clinic.logoUrl).toMatch(new RegExp(`^/api/clinics/${clinicA}/profile/logo\\?v=`));
    await newcomer.agent.get(withLogo.clinic.logoUrl).expect(200);
  });
});
