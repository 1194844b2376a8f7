import { randomUUID } from 'node:crypto';
import type { ActingScope } from '../../apps/api/src/database/database-context';
import { asAppRole as as, openRlsDatabase, sqlStateOf as sqlState, type RlsDatabase } from '../support/rls-database';

const [clinic, pendingClinic] = [randomUUID(), randomUUID()];
const [operator, owner, consultant, admin, applicant, unverified] = Array.from({ length: 6 }, () => randomUUID());
const [pet, consultation, message, booking] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

/** A booking of the consultant `days` from now: $1 id, $2 clinic, $3 consultant, $4 owner, $5 pet. */
const bookingSql = (days: number, status: 'held' | 'confirmed') => {
  const [starts, ends] = [`now() + interval '${days} days'`, `now() + interval '${days} days 30 minutes'`];
  const hold = status === 'held' ? `now() + interval '10 minutes'` : 'NULL';
  return `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from,
      blocked_until, status, hold_expires_at, price_amount, price_currency, reason)
    VALUES ($1, $2, $3, $4, $5, ${starts}, ${ends}, ${starts}, ${ends}, '${status}', ${hold}, 1000, 'EUR', 'Limping')`;
};
const SET_STATUS = 'SELECT clinic_set_status($1, $2, $3, $4) AS changed';

/**
 * A platform operator under row-level security: they read clinics and decide on them, and
 * nothing of what a clinic holds (its patients' pets, consultations, chat, bookings) is theirs
 * to read, whatever SQL their transaction runs.
 */
describe('platform operators under row-level security', () => {
  let database: RlsDatabase;

  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
    database.rows<T>(scope, sql, parameters);

  beforeAll(async () => {
    database = await openRlsDatabase();
    for (const [id, name, verified] of [
      [operator, 'operator', true],
      [owner, 'owner', true],
      [consultant, 'consultant', true],
      [admin, 'admin', true],
      [applicant, 'applicant', true],
      [unverified, 'unverified', false],
    ] as const) {
      await database.newPerson(id, name, { verified });
    }
    await database.schemaOwner.query('INSERT INTO platform_operators (user_id) VALUES ($1)', [operator]);
    await database.newClinic(clinic, 'Clinic');
    await database.newClinic(pendingClinic, 'Pending', { status: 'pending', applicant });
    await database.newMember(clinic, consultant, 'consultant');
    await database.newMember(clinic, admin, 'clinic_admin');
    await database.schemaOwner.query(`INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Rex', 'dog')`, [
      pet,
      owner,
    ]);
    await database.schemaOwner.query(
      `INSERT INTO consultations (id, clinic_id, owner_id, pet_id, consultant_id, starts_at, ends_at, status)
       VALUES ($1, $2, $3, $4, $5, now(), now() + interval '30 minutes', 'scheduled')`,
      [consultation, clinic, owner, pet, consultant],
    );
    await database.schemaOwner.query(
      `INSERT INTO consultation_messages (id, consultation_id, sender_id, client_message_id, text_encrypted)
       VALUES ($1, $2, $3, $4, '\\x01')`,
      [message, consultation, owner, randomUUID()],
    );
    await database.schemaOwner.query(bookingSql(1, 'confirmed'), [booking, clinic, consultant, owner, pet]);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('lets an operator read every clinic, pending ones included', async () => {
    const clinics = await rows<{ id: string }>(as(operator), 'SELECT id FROM clinics ORDER BY name');
    expect(clinics.map((row) => row.id).sort()).toEqual([clinic, pendingClinic].sort());
  });

  it("keeps a clinic's pets, consultations, chat and bookings from an operator's transaction", async () => {
    const tables = ['pets', 'consultations', 'consultation_messages', 'bookings', 'clinic_memberships', 'audit_events'];
    for (const table of tables) {
      expect({ table, rows: await rows(as(operator), `SELECT * FROM ${table}`) }).toEqual({ table, rows: [] });
    }
    // The same reads as the clinic's own staff do find them: the rows are there.
    expect(await rows(as(admin, clinic), 'SELECT id FROM bookings')).toHaveLength(1);
    expect(await rows(as(consultant, clinic), 'SELECT id FROM consultation_messages')).toHaveLength(1);
  });

  it("keeps an operator from changing a clinic's data or its status except through clinic_set_status", async () => {
    await rows(as(operator), `UPDATE pets SET name = 'Taken' WHERE id = $1`, [pet]);
    const petNow = await database.schemaOwner.query('SELECT name FROM pets WHERE id = $1', [pet]);
    expect(petNow.rows).toEqual([{ name: 'Rex' }]);
    const suspend = rows(as(operator), `UPDATE clinics SET status = 'suspended' WHERE id = $1`, [clinic]);
    expect(await sqlState(suspend)).toBe('42501');
    // A clinic admin cannot approve their own clinic's status either, nor can anyone but an operator call the function.
    const approve = rows(as(admin, clinic), `UPDATE clinics SET status = 'approved' WHERE id = $1`, [pendingClinic]);
    expect(await sqlState(approve)).toBe('42501');
    const approveByFunction = rows(as(admin, clinic), SET_STATUS, [pendingClinic, 'pending', 'approved', null]);
    expect(await sqlState(approveByFunction)).toBe('42501');
    const grant = rows(as(applicant), `SELECT * FROM platform_operator_grant('applicant@example.test')`);
    expect(await sqlState(grant)).toBe('42501');
    // Nor does an operator move a clinic other than the four ways onboarding knows (refused stays refused).
    const revive = rows(as(operator), SET_STATUS, [clinic, 'refused', 'approved', null]);
    expect(await sqlState(revive)).toBe('22023');
  });

  it('makes the applicant the first clinic admin when an operator approves, and only then', async () => {
    const approve = () => rows(as(operator), SET_STATUS, [pendingClinic, 'pending', 'approved', null]);
    expect(await rows(as(applicant), 'SELECT clinic_id FROM clinic_memberships')).toEqual([]);
    expect(await approve()).toEqual([{ changed: true }]);
    expect(await approve()).toEqual([{ changed: false }]);
    const memberships = await rows(as(applicant), 'SELECT clinic_id, role FROM clinic_memberships');
    expect(memberships).toEqual([{ clinic_id: pendingClinic, role: 'clinic_admin' }]);
  });

  it('lets only a verified account apply, for itself, as pending', async () => {
    const sql = `INSERT INTO clinics (id, name, applicant_user_id) VALUES ($1, 'Applied', $2)`;
    const apply = (userId: string, applicantId = userId) =>
      sqlState(rows(as(userId), sql, [randomUUID(), applicantId]));
    expect(await apply(unverified)).toBe('42501');
    expect(await apply(owner, applicant)).toBe('42501');
    // The status is the database's default (pending): the runtime role cannot name it.
    const approved = `INSERT INTO clinics (id, name, applicant_user_id, status) VALUES ($1, 'Applied', $2, 'approved')`;
    expect(await sqlState(rows(as(owner), approved, [randomUUID(), owner]))).toBe('42501');
    expect(await apply(owner)).toBe('ok');
    const applied = await rows(as(owner), 'SELECT status FROM clinics WHERE applicant_user_id = $1', [owner]);
    expect(applied).toEqual([{ status: 'pending' }]);
  });

  it("takes no new booking for a suspended clinic's consultant, whatever the service checked", async () => {
    const hold = () => sqlState(rows(as(owner), bookingSql(3, 'held'), [randomUUID(), clinic, consultant, owner, pet]));
    const suspend = `UPDATE clinics SET status = 'suspended', status_reason = 'Test' WHERE id = $1`;
    await database.schemaOwner.query(suspend, [clinic]);
    expect(await hold()).toBe('42501');
    await database.schemaOwner.query(`UPDATE clinics SET status = 'approved' WHERE id = $1`, [clinic]);
    expect(await hold()).toBe('ok');
  });

  it('makes a suspension wait for a booking being made, and then cancel it: neither misses the other', async () => {
    const racing = randomUUID();
    await database.newClinic(racing, 'Racing');
    await database.newMember(racing, consultant, 'consultant');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hold = randomUUID();
    let held!: () => void;
    const inserted = new Promise<void>((resolve) => (held = resolve));
    const booking = database.db.run(as(owner), async (manager) => {
      await manager.query(bookingSql(5, 'held'), [hold, racing, consultant, owner, pet]);
      held();
      await gate;
    });
    await inserted;
    let suspended = false;
    const suspension = database.db.run(as(operator), async (manager) => {
      await manager.query(SET_STATUS, [racing, 'approved', 'suspended', 'Race']);
      suspended = true;
      const sql = 'SELECT booking_id, status FROM clinic_suspension_bookings($1)';
      return manager.query<{ booking_id: string; status: string }[]>(sql, [racing]);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(suspended).toBe(false);
    release();
    await booking;
    expect(await suspension).toEqual([{ booking_id: hold, status: 'expired' }]);
  });
});
