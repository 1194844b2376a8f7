import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const [clinicA, clinicB] = [randomUUID(), randomUUID()];
const people = Array.from({ length: 6 }, () => randomUUID());
const [owner, consultant, otherOwner, otherConsultant, adminA, supportA] = people;
const [pet, otherPet] = [randomUUID(), randomUUID()];
const as = (userId: string, clinicId: string | null = null): ActingScope => ({ userId, clinicId });
/** Other owner, other consultant, clinic admin, support staff, nobody: none of them reads or writes the ledger. */
const outsiders = [as(otherOwner), as(otherConsultant, clinicA), as(adminA, clinicA), as(supportA, clinicA), NOBODY];

describe('the consent ledger under row-level security', () => {
  let database: TestDatabase;
  let schemaOwner: Client;
  let runtime: DataSource;
  let db: DatabaseContext;
  const consultation = randomUUID();
  const invitation = randomUUID();
  const cancelled = randomUUID();

  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
    db.run(scope, (manager) => manager.query<T[]>(sql, parameters));
  const sqlState = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code);
  type ConsentValues = { consultationId?: string; userId?: string; purpose?: string; granted?: boolean };
  const consent = (scope: ActingScope, values: ConsentValues = {}) =>
    rows(
      scope,
      `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version)
       VALUES ($1, $2, $3, $4, '2026-11-01') RETURNING id, clinic_id`,
      [
        values.consultationId ?? consultation,
        values.userId ?? scope.userId,
        values.purpose ?? 'recording',
        values.granted ?? true,
      ],
    );
  const ledgerOf = (scope: ActingScope, consultationId = consultation) =>
    rows<{ user_id: string }>(scope, 'SELECT user_id FROM consultation_consents WHERE consultation_id = $1', [
      consultationId,
    ]);
  const standing = (scope: ActingScope, userId: string, purpose = 'recording', consultationId = consultation) =>
    rows<{ standing: boolean }>(scope, 'SELECT consent_standing($1, $2, $3) AS standing', [
      consultationId,
      userId,
      purpose,
    ]).then(([row]) => row.standing);
  const addConsultation = (id: string, status: string, ownerId = owner, petId = pet) =>
    schemaOwner.query(
      `INSERT INTO consultations (id, clinic_id, owner_id, pet_id, consultant_id, starts_at, ends_at, status)
       VALUES ($1, $2, $3, $4, $5, now(), now() + interval '30 minutes', $6)`,
      [id, clinicA, ownerId, petId, consultant, status],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    schemaOwner = new Client({ connectionString: database.url });
    await schemaOwner.connect();
    await schemaOwner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Clinic A', 'approved'), ($2, 'Clinic B', 'approved')`, [
      clinicA,
      clinicB,
    ]);
    for (const [id, name] of [
      [owner, 'owner'],
      [consultant, 'consultant'],
      [otherOwner, 'other-owner'],
      [otherConsultant, 'other-consultant'],
      [adminA, 'admin-a'],
      [supportA, 'support-a'],
    ] as const) {
      await schemaOwner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone,
           adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', $3, 'UA', 'Europe/Kyiv', now(), '2026-11-01', now())`,
        [id, `${name}@example.test`, name],
      );
    }
    const member = (clinicId: string, userId: string, role: string) =>
      schemaOwner.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        clinicId,
        userId,
        role,
      ]);
    await member(clinicA, consultant, 'consultant');
    await member(clinicA, otherConsultant, 'consultant');
    await member(clinicA, adminA, 'clinic_admin');
    await member(clinicA, supportA, 'support');
    await schemaOwner.query(`INSERT INTO pets (id, owner_id, name, species)
      VALUES ($1, $2, 'Rex', 'dog'), ($3, $4, 'Tom', 'cat')`, [
      pet,
      owner,
      otherPet,
      otherOwner,
    ]);
    await addConsultation(consultation, 'scheduled');
    await addConsultation(invitation, 'invited');
    await addConsultation(cancelled, 'cancelled');
    runtime = new DataSource(appDataSourceOptions(appUrl));
    await runtime.initialize();
    db = new DatabaseContext(runtime);
  });
  afterAll(async () => {
    await runtime?.destroy();
    await schemaOwner?.end();
    await database?.drop();
  });

  it("lets each participant record their own answer, under the consultation's clinic, not the app's", async () => {
    expect(await consent(as(owner))).toEqual([{ id: expect.any(String), clinic_id: clinicA }]);
    expect(await consent(as(consultant, clinicA))).toEqual([{ id: expect.any(String), clinic_id: clinicA }]);
    expect(await consent(as(owner), { purpose: 'support_review' })).toHaveLength(1);
    const forged = rows(
      as(owner),
      `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version, clinic_id)
       VALUES ($1, $2, 'recording', true, '2026-11-01', $3)`,
      [consultation, owner, clinicB],
    );
    expect(await sqlState(forged)).toBe('42501');
    const backdated = rows(
      as(owner),
      `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version, recorded_at)
       VALUES ($1, $2, 'recording', true, '2026-11-01', now() - interval '1 day')`,
      [consultation, owner],
    );
    expect(await sqlState(backdated)).toBe('42501');
  });

  it('refuses an answer in another’s name, for a stranger’s, a cancelled or an invited consultation', async () => {
    expect(await sqlState(consent(as(owner), { userId: consultant }))).toBe('42501');
    expect(await sqlState(consent(as(consultant), { userId: owner }))).toBe('42501');
    for (const scope of outsiders) {
      expect(await sqlState(consent(scope, { userId: scope.userId ?? owner }))).toBe('42501');
    }
    expect(await sqlState(consent(as(owner), { consultationId: cancelled }))).toBe('42501');
    // An invitation not yet accepted: the consultant may not even learn of it, nor may the owner consent yet.
    expect(await sqlState(consent(as(consultant), { consultationId: invitation }))).toBe('42501');
    expect(await sqlState(consent(as(owner), { consultationId: invitation }))).toBe('42501');
  });

  it('shows every row of the consultation to both participants and to nobody else', async () => {
    const people = (list: { user_id: string }[]) => [...new Set(list.map((row) => row.user_id))].sort();
    expect(people(await ledgerOf(as(owner)))).toEqual([owner, consultant].sort());
    expect(people(await ledgerOf(as(consultant)))).toEqual([owner, consultant].sort());
    for (const scope of outsiders) {
      expect(await ledgerOf(scope)).toEqual([]);
      expect(await rows(scope, 'SELECT 1 FROM consultation_consent_standing')).toEqual([]);
      expect(await standing(scope, owner)).toBe(false);
    }
  });

  it("hides an invitation's rows from its consultant until the owner accepts", async () => {
    await schemaOwner.query(
      `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version)
       VALUES ($1, $2, 'recording', true, 'x')`,
      [invitation, owner],
    );
    expect(await ledgerOf(as(owner), invitation)).toHaveLength(1);
    expect(await ledgerOf(as(consultant), invitation)).toEqual([]);
    expect(await ledgerOf(as(consultant, clinicA), invitation)).toEqual([]);
  });

  it('refuses UPDATE and DELETE to the runtime role; only the owner of the table removes rows', async () => {
    for (const scope of [as(owner), as(consultant), as(adminA, clinicA)]) {
      expect(await sqlState(rows(scope, 'UPDATE consultation_consents SET granted = false'))).toBe('42501');
      expect(await sqlState(rows(scope, 'DELETE FROM consultation_consents'))).toBe('42501');
    }
    const count = async () =>
      (await schemaOwner.query('SELECT count(*)::int AS count FROM consultation_consents')).rows[0].count;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    // The trigger refuses a role holding the privileges and bypassing row-level security too; not the table's owner.
    const tamperer = `consent_tamperer_${randomUUID().replaceAll('-', '')}`;
    await schemaOwner.query(`CREATE ROLE ${tamperer} NOLOGIN BYPASSRLS`);
    await schemaOwner.query(`GRANT USAGE ON SCHEMA public TO ${tamperer}`);
    await schemaOwner.query(`GRANT UPDATE, DELETE, SELECT ON consultation_consents TO ${tamperer}`);
    const attempt = async (role: string | null, sql: string) => {
      await schemaOwner.query('BEGIN');
      try {
        if (role) await schemaOwner.query(`SET LOCAL ROLE ${role}`);
        await schemaOwner.query(sql);
        return 'ok';
      } catch (error) {
        return (error as Error).message;
      } finally {
        await schemaOwner.query('ROLLBACK');
      }
    };
    try {
      expect(await attempt(tamperer, 'UPDATE consultation_consents SET granted = NOT granted')).toMatch(/append-only/);
      expect(await attempt(tamperer, 'DELETE FROM consultation_consents')).toMatch(/append-only/);
      expect(await attempt(null, 'DELETE FROM consultation_consents')).toBe('ok');
    } finally {
      await schemaOwner.query(`REVOKE ALL ON consultation_consents FROM ${tamperer}`);
      await schemaOwner.query(`REVOKE ALL ON SCHEMA public FROM ${tamperer}`);
      await schemaOwner.query(`DROP ROLE ${tamperer}`);
    }
    expect(await count()).toBe(before);
  });

  it('answers the standing value from the latest row: a withdrawal is a new row that wins', async () => {
    const fresh = randomUUID();
    await addConsultation(fresh, 'scheduled');
    expect(await standing(as(owner), owner, 'recording', fresh)).toBe(false);
    await consent(as(owner), { consultationId: fresh, granted: true });
    expect(await standing(as(owner), owner, 'recording', fresh)).toBe(true);
    expect(await standing(as(consultant), owner, 'recording', fresh)).toBe(true);
    expect(await standing(as(owner), owner, 'support_review', fresh)).toBe(false);
    await consent(as(owner), { consultationId: fresh, granted: false });
    expect(await standing(as(owner), owner, 'recording', fresh)).toBe(false);
    expect(await ledgerOf(as(owner), fresh)).toHaveLength(2);
    const view = await rows(
      as(consultant),
      'SELECT user_id, purpose, granted FROM consultation_consent_standing WHERE consultation_id = $1',
      [fresh],
    );
    expect(view).toEqual([{ user_id: owner, purpose: 'recording', granted: false }]);
  });

  it("keeps a booking's yes for its owner alone, and carries it into the ledger with the booking's time", async () => {
    const booking = randomUUID();
    await schemaOwner.query(
      `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from,
         blocked_until, status, hold_expires_at, price_amount, price_currency, reason)
       VALUES ($1, $2, $3, $4, $5, now() + interval '2 days', now() + interval '2 days 30 minutes',
         now() + interval '2 days', now() + interval '2 days 30 minutes', 'held', now() + interval '15 minutes',
         0, 'EUR', 'Ears')`,
      [booking, clinicA, consultant, owner, pet],
    );
    const keep = (scope: ActingScope, purpose: string) =>
      rows(scope, `INSERT INTO booking_consents (booking_id, purpose, policy_version) VALUES ($1, $2, '2026-11-01')`, [
        booking,
        purpose,
      ]);
    for (const scope of [as(otherOwner), as(consultant), as(consultant, clinicA), as(adminA, clinicA), NOBODY]) {
      expect(await sqlState(keep(scope, 'recording'))).toBe('42501');
    }
    await keep(as(owner), 'recording');
    const kept = (scope: ActingScope) =>
      rows(scope, 'SELECT purpose FROM booking_consents WHERE booking_id = $1', [booking]);
    expect(await kept(as(owner))).toEqual([{ purpose: 'recording' }]);
    for (const scope of [as(otherOwner), as(consultant, clinicA), as(adminA, clinicA), as(supportA, clinicA)]) {
      expect(await kept(scope)).toEqual([]);
    }
    expect(await sqlState(rows(as(owner), `UPDATE booking_consents SET policy_version = 'x'`))).toBe('42501');

    const consultationOfBooking = randomUUID();
    await addConsultation(consultationOfBooking, 'scheduled');
    await schemaOwner.query(`UPDATE bookings SET status = 'confirmed', consultation_id = $2 WHERE id = $1`, [
      booking,
      consultationOfBooking,
    ]);
    const carried = await schemaOwner.query(
      `SELECT c.user_id, c.purpose, c.granted, c.clinic_id, c.recorded_at = b.recorded_at AS at_booking
         FROM consultation_consents c JOIN booking_consents b ON b.booking_id = $2 AND b.purpose = c.purpose
        WHERE c.consultation_id = $1`,
      [consultationOfBooking, booking],
    );
    const expected = { user_id: owner, purpose: 'recording', granted: true, clinic_id: clinicA, at_booking: true };
    expect(carried.rows).toEqual([expected]);
    // A confirmed booking takes no new answer: the owner answers for the consultation now.
    expect(await sqlState(keep(as(owner), 'support_review'))).toBe('42501');
  });
});
