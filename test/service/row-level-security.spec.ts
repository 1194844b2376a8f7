import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../apps/api/src/audit/audit-chain';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, LOCK_TIMEOUT, NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const clinicA = randomUUID();
const clinicB = randomUUID();
const [ownerA, ownerB, adminA, adminB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const [petOfA, petOfB] = [randomUUID(), randomUUID()];

const as = (userId: string, clinicId: string | null = null): ActingScope => ({ userId, clinicId });

describe('tenant isolation by PostgreSQL row-level security', () => {
  let database: TestDatabase;
  let owner: Client;
  let runtime: DataSource;
  let db: DatabaseContext;

  const rows = (scope: ActingScope, sql: string, parameters: unknown[] = []) => db.run(scope, (manager) => manager.query(sql, parameters));
  const sqlState = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code);

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Clinic A', 'approved'), ($2, 'Clinic B', 'approved')`, [clinicA, clinicB]);
    const person = (id: string, email: string) =>
      owner.query(
        `INSERT INTO users (id, email, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, $3, $4, 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, email, `argon2id-hash-of-${email}`, email],
      );
    await person(ownerA, 'owner-a@example.test');
    await person(ownerB, 'owner-b@example.test');
    await person(adminA, 'admin-a@example.test');
    await person(adminB, 'admin-b@example.test');
    await owner.query(`INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, 'clinic_admin'), ($4, $5, $6, 'clinic_admin')`, [
      randomUUID(), clinicA, adminA, randomUUID(), clinicB, adminB,
    ]);
    await owner.query(`INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Rex', 'dog'), ($3, $4, 'Tom', 'cat')`, [petOfA, ownerA, petOfB, ownerB]);

    runtime = new DataSource(appDataSourceOptions(appUrl));
    await runtime.initialize();
    db = new DatabaseContext(runtime);
  });
  afterAll(async () => {
    await runtime?.destroy();
    await owner?.end();
    await database?.drop();
  });

  it('runs the app as a role that is no superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await rows(NOBODY, 'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await rows(NOBODY, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user");
    expect(owned).toEqual([]);
  });

  it('gives every transaction a lock timeout, so a request never waits on a lock for longer than that', async () => {
    const [setting] = await rows(NOBODY, "SELECT current_setting('lock_timeout') AS lock_timeout");
    expect(setting).toEqual({ lock_timeout: LOCK_TIMEOUT });
  });

  it('returns nothing from any table when no actor is set', async () => {
    for (const table of ['clinics', 'clinic_memberships', 'pets', 'audit_events']) {
      expect(await rows(NOBODY, `SELECT id FROM ${table}`)).toEqual([]);
    }
    expect(await rows(NOBODY, 'SELECT id FROM users')).toEqual([]);
    const [{ count }] = (await owner.query('SELECT count(*)::int AS count FROM pets')).rows;
    expect(count).toBe(2);
  });

  it("shows an owner their own pets only, and refuses to change or create another's", async () => {
    expect(await rows(as(ownerA), 'SELECT id FROM pets')).toEqual([{ id: petOfA }]);
    const [, updated] = await rows(as(ownerA), "UPDATE pets SET name = 'Stolen' WHERE id = $1", [petOfB]);
    expect(updated).toBe(0);
    const [, deleted] = await rows(as(ownerA), 'DELETE FROM pets WHERE id = $1', [petOfB]);
    expect(deleted).toBe(0);
    expect(await sqlState(rows(as(ownerA), "INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Planted', 'dog')", [randomUUID(), ownerB]))).toBe('42501');
    expect(await sqlState(rows(as(ownerA), 'UPDATE pets SET owner_id = $1 WHERE id = $2', [ownerB, petOfA]))).toBe('42501');
    expect((await owner.query('SELECT name, owner_id FROM pets WHERE id = $1', [petOfB])).rows).toEqual([{ name: 'Tom', owner_id: ownerB }]);
  });

  it('never lets the runtime role read a password hash, but lets sign-in check one address', async () => {
    expect(await sqlState(rows(as(ownerA), 'SELECT password_hash FROM users WHERE id = $1', [ownerA]))).toBe('42501');
    const [found] = await rows(NOBODY, 'SELECT * FROM auth_credentials_for_email($1)', ['OWNER-A@example.test']);
    expect(found).toEqual({ user_id: ownerA, password_hash: 'argon2id-hash-of-owner-a@example.test', email_verified: false, locked_until: null });
    expect(await rows(NOBODY, 'SELECT * FROM auth_credentials_for_email($1)', ['nobody@example.test'])).toEqual([]);
  });

  it("keeps a clinic admin inside their clinic: its staff, its memberships, never the other clinic's", async () => {
    const scope = as(adminA, clinicA);
    expect(await rows(scope, 'SELECT id FROM clinics')).toEqual([{ id: clinicA }]);
    expect((await rows(scope, 'SELECT user_id FROM clinic_memberships')).map((row: { user_id: string }) => row.user_id)).toEqual([adminA]);
    expect((await rows(scope, 'SELECT id FROM users ORDER BY email')).map((row: { id: string }) => row.id)).toEqual([adminA]);
    expect(await rows(scope, 'SELECT id FROM pets')).toEqual([]);
    const [, renamed] = await rows(scope, "UPDATE clinics SET name = 'Taken over' WHERE id = $1", [clinicB]);
    expect(renamed).toBe(0);
    expect(await sqlState(rows(scope, "INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, 'clinic_admin')", [randomUUID(), clinicB, adminA]))).toBe('42501');
  });

  it('does not let an actor claim a clinic they name but do not act for', async () => {
    // The clinic in the scope comes from the server-side session, never from the request;
    // even so, a scope for clinic A cannot read or write clinic B's audit events.
    expect(
      await sqlState(rows(as(adminA, clinicA), "INSERT INTO audit_events (clinic_id, action, entity_type, outcome) VALUES ($1, 'read', 'pet', 'success')", [clinicB])),
    ).toBe('42501');
  });

  describe('audit log', () => {
    const append = (scope: ActingScope, action: string, clinicId: string | null) =>
      rows(scope, "INSERT INTO audit_events (clinic_id, actor_user_id, action, entity_type, entity_id, outcome, ip, request_id) VALUES ($1, $2, $3, 'pet', $4, 'success', '127.0.0.1', 'req-1')", [
        clinicId,
        scope.userId,
        action,
        petOfA,
      ]);

    it('is append-only for the app, chained, readable per clinic, and betrays tampering', async () => {
      await append(as(adminA, clinicA), 'pet.read', clinicA);
      await append(as(adminB, clinicB), 'pet.read', clinicB);
      await append(as(ownerA), 'account.sign_in', null);
      await append(as(adminA, clinicA), 'pet.export', clinicA);

      expect((await rows(as(adminA, clinicA), 'SELECT action FROM audit_events ORDER BY chain_seq')).map((row: { action: string }) => row.action)).toEqual([
        'pet.read',
        'pet.export',
      ]);
      expect(await sqlState(rows(as(adminA, clinicA), "UPDATE audit_events SET action = 'nothing'"))).toBe('42501');
      expect(await sqlState(rows(as(adminA, clinicA), 'DELETE FROM audit_events'))).toBe('42501');
      expect(await sqlState(rows(as(adminA, clinicA), "INSERT INTO audit_events (clinic_id, action, entity_type, outcome, hash) VALUES ($1, 'x', 'y', 'success', '\\x00')", [clinicA]))).toBe('42501');

      const intact = await verifyAuditChain(owner);
      expect(intact).toEqual({ events: 4, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const chain = (await owner.query('SELECT chain_seq, prev_hash, hash FROM audit_events ORDER BY chain_seq')).rows;
      expect(chain[0].prev_hash).toEqual(Buffer.alloc(32));
      expect(chain[1].prev_hash).toEqual(chain[0].hash);

      // Someone with the owner's credentials edits history: the chain says where.
      await owner.query("UPDATE audit_events SET action = 'pet.read' WHERE chain_seq = 4");
      expect(await verifyAuditChain(owner)).toMatchObject({ firstBrokenAt: '4', reason: 'hash-mismatch' });
      await owner.query("UPDATE audit_events SET action = 'pet.export' WHERE chain_seq = 4");
      await owner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain');
      await owner.query('DELETE FROM audit_events WHERE chain_seq = 2');
      await owner.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain');
      expect(await verifyAuditChain(owner)).toMatchObject({ firstBrokenAt: '2', reason: 'gap' });
    });

    it('keeps one unbroken chain under concurrent appends', async () => {
      await owner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain');
      await owner.query('TRUNCATE audit_events');
      await owner.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain');
      await Promise.all(Array.from({ length: 40 }, (_, index) => append(index % 2 ? as(adminA, clinicA) : as(ownerA), `concurrent.${index}`, index % 2 ? clinicA : null)));
      expect(await verifyAuditChain(owner)).toEqual({ events: 40, lastHash: expect.any(String) });
    });
  });
});
