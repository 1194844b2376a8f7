import { randomUUID } from 'node:crypto';
import { NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { asAppRole as as, openRlsDatabase, sqlStateOf as sqlState, type RlsDatabase } from '../support/rls-database';

const [clinicA, clinicB] = [randomUUID(), randomUUID()];
const [adminA, adminB] = [randomUUID(), randomUUID()];
const [consultantA, supportA] = [randomUUID(), randomUUID()];
const TOKEN = 'a-verification-token-of-clinic-a';

describe('single sign-on settings and attempts under row-level security', () => {
  let database: RlsDatabase;

  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
    database.rows<T>(scope, sql, parameters);
  const addProvider = (scope: ActingScope, clinicId: string) =>
    rows(
      scope,
      `INSERT INTO clinic_sso_providers
         (clinic_id, issuer, client_id, client_secret_key_wrapped, client_secret_sealed, updated_by)
       VALUES ($1, 'https://idp.example', 'client', '\\x00', '\\x00', $2)`,
      [clinicId, scope.userId],
    );

  beforeAll(async () => {
    database = await openRlsDatabase();
    await database.newClinic(clinicA, 'Clinic A');
    await database.newClinic(clinicB, 'Clinic B');
    for (const [id, name] of [
      [adminA, 'admin-a'],
      [adminB, 'admin-b'],
      [consultantA, 'consultant-a'],
      [supportA, 'support-a'],
    ] as const) {
      await database.newPerson(id, name);
    }
    await database.newMember(clinicA, adminA, 'clinic_admin');
    await database.newMember(clinicB, adminB, 'clinic_admin');
    await database.newMember(clinicA, consultantA, 'consultant');
    await database.newMember(clinicA, supportA, 'support');
    await addProvider(as(adminA, clinicA), clinicA);
    await rows(
      as(adminA, clinicA),
      `INSERT INTO clinic_sso_domains (domain, clinic_id, verification_token) VALUES ('clinic-a.test', $1, $2)`,
      [clinicA, TOKEN],
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  it("keeps a clinic's provider and domains to that clinic: another clinic neither reads nor writes them", async () => {
    expect(await rows(as(adminA, clinicA), 'SELECT clinic_id FROM clinic_sso_providers')).toEqual([
      { clinic_id: clinicA },
    ]);
    for (const scope of [as(adminB, clinicB), as(adminA), NOBODY]) {
      expect(await rows(scope, 'SELECT clinic_id FROM clinic_sso_providers')).toEqual([]);
      expect(await rows(scope, 'SELECT domain FROM clinic_sso_domains')).toEqual([]);
    }
    expect(await sqlState(addProvider(as(adminB, clinicB), clinicA))).toBe('42501');
    const [, changed] = await database.db.run(as(adminB, clinicB), (manager) =>
      manager.query<[unknown, number]>(`UPDATE clinic_sso_providers SET issuer = 'https://evil.example'`),
    );
    expect(changed).toBe(0);
    // Clinic B may claim clinic A's domain, but not verify it once A did: the unique index over verified
    // domains answers, whatever B sees. Nobody inserts a domain already verified: verified_at only by UPDATE.
    await addProvider(as(adminB, clinicB), clinicB);
    const claim = (columns: string, values: string) =>
      rows(
        as(adminB, clinicB),
        `INSERT INTO clinic_sso_domains (domain, clinic_id, verification_token${columns})
         VALUES ('CLINIC-A.test', $1, 'a-verification-token-of-clinic-b'${values})`,
        [clinicB],
      );
    expect(await sqlState(claim(', verified_at', ', now()'))).toBe('42501');
    expect(await sqlState(claim('', ''))).toBe('ok');
    const verify = (scope: ActingScope, clinicId: string) =>
      rows(scope, 'UPDATE clinic_sso_domains SET verified_at = now() WHERE clinic_id = $1', [clinicId]);
    expect(await sqlState(verify(as(adminA, clinicA), clinicA))).toBe('ok');
    expect(await sqlState(verify(as(adminB, clinicB), clinicB))).toBe('23505');
    expect(await sqlState(rows(as(adminB, clinicB), "UPDATE clinic_sso_domains SET verification_token = 'x'"))).toBe(
      '42501',
    );
  });

  it("keeps a clinic's provider and domains to its admins: its consultants and support reach neither", async () => {
    for (const scope of [as(consultantA, clinicA), as(supportA, clinicA)]) {
      expect(await rows(scope, 'SELECT client_secret_sealed FROM clinic_sso_providers')).toEqual([]);
      expect(await rows(scope, 'SELECT domain, verification_token FROM clinic_sso_domains')).toEqual([]);
      const [, changed] = await database.db.run(scope, (manager) =>
        manager.query<[unknown, number]>(`UPDATE clinic_sso_providers SET issuer = 'https://evil.example'`),
      );
      expect(changed).toBe(0);
      const [, removed] = await database.db.run(scope, (manager) =>
        manager.query<[unknown, number]>('DELETE FROM clinic_sso_domains'),
      );
      expect(removed).toBe(0);
      const claim = rows(
        scope,
        `INSERT INTO clinic_sso_domains (domain, clinic_id, verification_token)
         VALUES ('staff-claimed.test', $1, 'a-verification-token-of-the-staff')`,
        [clinicA],
      );
      expect(await sqlState(claim)).toBe('42501');
    }
    expect(await rows(as(adminA, clinicA), 'SELECT issuer FROM clinic_sso_providers')).toEqual([
      { issuer: 'https://idp.example' },
    ]);
  });

  it("keeps the provider identities linked to accounts to their clinic", async () => {
    const link = (scope: ActingScope, clinicId: string) =>
      rows(
        scope,
        `INSERT INTO clinic_sso_identities (clinic_id, issuer, subject, user_id)
         VALUES ($1, 'https://idp.example', 'subject-1', $2)`,
        [clinicId, adminA],
      );
    expect(await sqlState(link(as(adminA, clinicA), clinicA))).toBe('ok');
    expect(await sqlState(link(as(adminB, clinicB), clinicA))).toBe('42501');
    for (const scope of [as(adminB, clinicB), as(adminA), NOBODY]) {
      expect(await rows(scope, 'SELECT subject FROM clinic_sso_identities')).toEqual([]);
    }
    expect(await sqlState(rows(as(adminA, clinicA), 'DELETE FROM clinic_sso_identities'))).toBe('42501');
  });

  it('shows a provider before sign-in only to one who names its verified domain or its clinic', async () => {
    const [found] = await rows<{ clinic_id: string; domains: string[] }>(
      NOBODY,
      'SELECT * FROM sso_provider_for_domain($1)',
      ['clinic-a.test'],
    );
    expect(found).toMatchObject({ clinic_id: clinicA, domains: ['clinic-a.test'] });
    // Clinic B's claim of the same domain, never verified, finds nothing and shows in no provider.
    const [ofB] = await rows<{ domains: string[] }>(NOBODY, 'SELECT * FROM sso_provider_for_clinic($1)', [clinicB]);
    expect(ofB.domains).toEqual([]);
    expect(await rows(NOBODY, 'SELECT * FROM sso_provider_for_domain($1)', ['unknown.test'])).toEqual([]);
  });

  it('reaches sign-in attempts only through begin and take: each taken once, never after expiry', async () => {
    const hash = Buffer.alloc(32, 7);
    await rows(NOBODY, `SELECT sso_attempt_begin($1, $2, '{"state":"s"}', interval '10 minutes')`, [hash, clinicA]);
    expect(await sqlState(rows(as(adminA, clinicA), 'SELECT * FROM sso_sign_in_attempts'))).toBe('42501');
    expect(await rows(NOBODY, 'SELECT clinic_id, state FROM sso_attempt_take($1)', [hash])).toEqual([
      { clinic_id: clinicA, state: { state: 's' } },
    ]);
    expect(await rows(NOBODY, 'SELECT clinic_id FROM sso_attempt_take($1)', [hash])).toEqual([]);

    const expired = Buffer.alloc(32, 8);
    await rows(NOBODY, `SELECT sso_attempt_begin($1, $2, '{}', interval '10 minutes')`, [expired, clinicA]);
    await database.schemaOwner.query(
      `UPDATE sso_sign_in_attempts SET expires_at = now() - interval '1 second' WHERE browser_hash = $1`,
      [expired],
    );
    expect(await rows(NOBODY, 'SELECT clinic_id FROM sso_attempt_take($1)', [expired])).toEqual([]);
    expect((await database.schemaOwner.query('SELECT count(*)::int AS n FROM sso_sign_in_attempts')).rows[0].n).toBe(0);
  });
});
