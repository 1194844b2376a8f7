import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const [clinicA, clinicB] = [randomUUID(), randomUUID()];
const [adminA, adminB, consultantA, supportA, owner] = Array.from({ length: 5 }, () => randomUUID());
const as = (userId: string, clinicId: string | null = null): ActingScope => ({ userId, clinicId });
const ACCOUNT_A = 'acct_1ClinicAAccount';

/** Clinics' Stripe accounts in the database: their admins read them, nobody else; Stripe's answer sets status. */
describe('clinic payment accounts under row-level security', () => {
  let database: TestDatabase;
  let schemaOwner: Client;
  let runtime: DataSource;
  let db: DatabaseContext;

  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
    db.run(scope, (manager) => manager.query<T[]>(sql, parameters));
  const sqlState = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: { code?: string }) => error.code,
    );
  const accountsSeenBy = (scope: ActingScope) => rows(scope, 'SELECT clinic_id FROM clinic_payment_accounts');
  const insert = (scope: ActingScope, clinicId: string, account: string, extra = '') =>
    rows(
      scope,
      `INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, created_by${extra ? ', charges_enabled' : ''})
       VALUES ($1, $2, $3${extra ? `, ${extra}` : ''})`,
      [clinicId, account, scope.userId],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    schemaOwner = new Client({ connectionString: database.url });
    await schemaOwner.connect();
    await schemaOwner.query(`INSERT INTO clinics (id, name) VALUES ($1, 'Clinic A'), ($2, 'Clinic B')`, [
      clinicA,
      clinicB,
    ]);
    for (const id of [adminA, adminB, consultantA, supportA, owner]) {
      await schemaOwner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone,
           adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', 'person', 'UA', 'Europe/Kyiv', now(), '2026-11-01', now())`,
        [id, `${id}@example.test`],
      );
    }
    for (const [clinicId, userId, role] of [
      [clinicA, adminA, 'clinic_admin'],
      [clinicB, adminB, 'clinic_admin'],
      [clinicA, consultantA, 'consultant'],
      [clinicA, supportA, 'support'],
    ]) {
      await schemaOwner.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        clinicId,
        userId,
        role,
      ]);
    }
    runtime = new DataSource(appDataSourceOptions(appUrl));
    await runtime.initialize();
    db = new DatabaseContext(runtime);
    await insert(as(adminA, clinicA), clinicA, ACCOUNT_A);
  });
  afterAll(async () => {
    await runtime?.destroy();
    await schemaOwner?.end();
    await database?.drop();
  });

  it("shows a clinic's account to its admins acting in it, and to nobody else", async () => {
    expect(await accountsSeenBy(as(adminA, clinicA))).toEqual([{ clinic_id: clinicA }]);
    for (const scope of [
      as(adminA),
      as(adminB, clinicB),
      as(adminB, clinicA),
      as(consultantA, clinicA),
      as(supportA, clinicA),
      as(owner),
      NOBODY,
    ]) {
      expect(await accountsSeenBy(scope)).toEqual([]);
    }
  });

  it("lets only a clinic's admin create its account, unconnected, in their own name", async () => {
    const refusals = [
      insert(as(adminB, clinicB), clinicA, 'acct_1Hijack'),
      insert(as(adminB, clinicA), clinicA, 'acct_1Hijack'),
      insert(as(consultantA, clinicA), clinicB, 'acct_1Hijack'),
      insert(as(owner), clinicB, 'acct_1Hijack'),
      insert(as(adminB, clinicB), clinicB, 'acct_1Enabled', 'true'),
      rows(
        as(adminB, clinicB),
        'INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, created_by) VALUES ($1, $2, $3)',
        [clinicB, 'acct_1SomeoneElse', adminA],
      ),
    ];
    // 42501: a policy (or the column grant) refuses it.
    expect(await Promise.all(refusals.map(sqlState))).toEqual(['42501', '42501', '42501', '42501', '42501', '42501']);
  });

  it('gives the runtime role no way to change or delete an account but the status function', async () => {
    const scope = as(adminA, clinicA);
    expect(await sqlState(rows(scope, 'UPDATE clinic_payment_accounts SET charges_enabled = true'))).toBe('42501');
    expect(
      await sqlState(rows(scope, 'UPDATE clinic_payment_accounts SET stripe_account_id = $1', ['acct_1Elsewhere'])),
    ).toBe('42501');
    expect(await sqlState(rows(scope, 'DELETE FROM clinic_payment_accounts'))).toBe('42501');
  });

  it('tells owners only whether a clinic takes charges; the status function acts on our accounts only', async () => {
    const destination = () =>
      rows<{ account: string | null }>(as(owner), 'SELECT clinic_charge_destination($1) AS account', [clinicA]);
    expect(await destination()).toEqual([{ account: null }]);
    const apply = (account: string, observed: Date) =>
      rows<{ clinic: string | null }>(
        NOBODY,
        'SELECT clinic_payment_account_apply($1, true, true, true, $2::text[], null, $3) AS clinic',
        [account, [], observed],
      );
    expect(await apply('acct_1NotOurs', new Date())).toEqual([{ clinic: null }]);
    expect(await apply(ACCOUNT_A, new Date())).toEqual([{ clinic: clinicA }]);
    expect(await destination()).toEqual([{ account: ACCOUNT_A }]);

    // An answer older than the one kept changes nothing.
    await rows(NOBODY, 'SELECT clinic_payment_account_apply($1, false, false, false, $2::text[], $3, $4)', [
      ACCOUNT_A,
      ['external_account'],
      'requirements.past_due',
      new Date(Date.now() - 60_000),
    ]);
    expect(await destination()).toEqual([{ account: ACCOUNT_A }]);
  });
});
