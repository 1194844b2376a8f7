import { randomUUID } from 'node:crypto';
import { NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { asAppRole as as, openRlsDatabase, sqlStateOf as sqlState, type RlsDatabase } from '../support/rls-database';

const [clinicA, clinicB] = [randomUUID(), randomUUID()];
const [adminA, adminB, consultantA, supportA, owner] = Array.from({ length: 5 }, () => randomUUID());
const ACCOUNT_A = 'acct_1ClinicAAccount';

/** Clinics' Stripe accounts in the database: their admins read them, nobody else; Stripe's answer sets status. */
describe('clinic payment accounts under row-level security', () => {
  let database: RlsDatabase;

  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
    database.rows<T>(scope, sql, parameters);
  const accountsSeenBy = (scope: ActingScope) => rows(scope, 'SELECT clinic_id FROM clinic_payment_accounts');
  const insert = (scope: ActingScope, clinicId: string, account: string, extra = '') =>
    rows(
      scope,
      `INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, created_by${extra ? ', charges_enabled' : ''})
       VALUES ($1, $2, $3${extra ? `, ${extra}` : ''})`,
      [clinicId, account, scope.userId],
    );

  beforeAll(async () => {
    database = await openRlsDatabase();
    await database.newClinic(clinicA, 'Clinic A');
    await database.newClinic(clinicB, 'Clinic B');
    for (const id of [adminA, adminB, consultantA, supportA, owner]) await database.newPerson(id, id);
    await database.newMember(clinicA, adminA, 'clinic_admin');
    await database.newMember(clinicB, adminB, 'clinic_admin');
    await database.newMember(clinicA, consultantA, 'consultant');
    await database.newMember(clinicA, supportA, 'support');
    await insert(as(adminA, clinicA), clinicA, ACCOUNT_A);
  });
  afterAll(async () => {
    await database?.close();
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
