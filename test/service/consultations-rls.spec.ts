import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const [clinicA, clinicB] = [randomUUID(), randomUUID()];
const [owner, consultant, colleague, adminA, adminB, stranger] = Array.from({ length: 6 }, () => randomUUID());
const [bookedPet, otherPet, strangersPet] = [randomUUID(), randomUUID(), randomUUID()];

const as = (userId: string, clinicId: string | null = null): ActingScope => ({ userId, clinicId });

describe('consultations under row-level security', () => {
  let database: TestDatabase;
  let schemaOwner: Client;
  let runtime: DataSource;
  let db: DatabaseContext;

  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) => db.run(scope, (manager) => manager.query<T[]>(sql, parameters));
  const sqlState = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code);
  const ids = async (scope: ActingScope, sql: string, parameters: unknown[] = []) => (await rows<{ id: string }>(scope, sql, parameters)).map((row) => row.id).sort();
  type ConsultationValues = { id?: string; clinicId?: string; ownerId?: string; petId?: string; consultantId?: string; status?: string };
  /** An on-demand consultation as the consultant's invitation. */
  const inviteTo = (scope: ActingScope, values: ConsultationValues = {}) =>
    rows(
      scope,
      `INSERT INTO consultations (id, clinic_id, owner_id, pet_id, consultant_id, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $5, now(), now() + interval '30 minutes', $6)`,
      [values.id ?? randomUUID(), values.clinicId ?? clinicA, values.ownerId ?? owner, values.petId ?? bookedPet, values.consultantId ?? consultant, values.status ?? 'invited'],
    );
  /** An invitation the owner accepted. */
  const insertConsultation = async (scope: ActingScope, values: ConsultationValues = {}) => {
    const id = values.id ?? randomUUID();
    await inviteTo(scope, { ...values, id });
    await rows(as(values.ownerId ?? owner), "UPDATE consultations SET status = 'scheduled' WHERE id = $1", [id]);
  };
  const consultation = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    schemaOwner = new Client({ connectionString: database.url });
    await schemaOwner.connect();
    await schemaOwner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Clinic A', 'approved'), ($2, 'Clinic B', 'approved')`, [clinicA, clinicB]);
    for (const [id, name, verified] of [
      [owner, 'owner', true],
      [consultant, 'consultant', true],
      [colleague, 'colleague', true],
      [adminA, 'admin-a', true],
      [adminB, 'admin-b', true],
      [stranger, 'stranger', false],
    ] as const) {
      await schemaOwner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, $3, 'x', $4, 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, `${name}@example.test`, verified ? new Date() : null, name],
      );
    }
    const member = (clinicId: string, userId: string, role: string) =>
      schemaOwner.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), clinicId, userId, role]);
    await member(clinicA, consultant, 'consultant');
    await member(clinicA, colleague, 'consultant');
    await member(clinicA, adminA, 'clinic_admin');
    await member(clinicB, adminB, 'clinic_admin');
    await member(clinicB, consultant, 'support');
    await schemaOwner.query(`INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $4, 'Rex', 'dog'), ($2, $4, 'Murka', 'cat'), ($3, $5, 'Tom', 'cat')`, [
      bookedPet,
      otherPet,
      strangersPet,
      owner,
      stranger,
    ]);

    runtime = new DataSource(appDataSourceOptions(appUrl));
    await runtime.initialize();
    db = new DatabaseContext(runtime);
    await insertConsultation(as(consultant, clinicA), { id: consultation });
  });
  afterAll(async () => {
    await runtime?.destroy();
    await schemaOwner?.end();
    await database?.drop();
  });

  it('lets only a consultant of the clinic, acting in it, create a consultation for themselves and a pet of the named owner', async () => {
    expect(await sqlState(insertConsultation(as(consultant, null)))).toBe('42501');
    expect(await sqlState(insertConsultation(as(consultant, clinicB), { clinicId: clinicB }))).toBe('42501');
    expect(await sqlState(insertConsultation(as(adminA, clinicA), { consultantId: adminA }))).toBe('42501');
    expect(await sqlState(insertConsultation(as(consultant, clinicA), { consultantId: colleague }))).toBe('42501');
    expect(await sqlState(insertConsultation(as(consultant, clinicA), { petId: strangersPet }))).toBe('42501');
    expect(await sqlState(insertConsultation(as(owner), { consultantId: owner }))).toBe('42501');
    expect(await sqlState(insertConsultation(as(consultant, clinicA), { ownerId: consultant }))).not.toBe('ok');
    const [{ count }] = (await schemaOwner.query('SELECT count(*)::int AS count FROM consultations')).rows;
    expect(count).toBe(1);
  });

  it('shows a consultation to its owner and consultant (with or without a clinic), to its clinic admin, and to nobody else', async () => {
    const visible = (scope: ActingScope) => ids(scope, 'SELECT id FROM consultations');
    expect(await visible(as(owner))).toEqual([consultation]);
    expect(await visible(as(consultant))).toEqual([consultation]);
    expect(await visible(as(consultant, clinicA))).toEqual([consultation]);
    expect(await visible(as(adminA, clinicA))).toEqual([consultation]);
    for (const scope of [NOBODY, as(stranger), as(adminB, clinicB), as(colleague, clinicA), as(colleague), as(adminA), as(consultant, clinicB)]) {
      // A consultant acting in another clinic still holds their own consultation; everyone else sees nothing.
      expect(await visible(scope)).toEqual(scope.userId === consultant ? [consultation] : []);
    }
  });

  it('lets the consultant read the booked pet only, and the owner only as name, country and time zone need', async () => {
    expect(await ids(as(consultant), 'SELECT id FROM pets')).toEqual([bookedPet]);
    expect(await ids(as(owner), 'SELECT id FROM pets')).toEqual([bookedPet, otherPet].sort());
    expect(await rows(as(consultant), 'SELECT id, display_name, country, time_zone FROM users WHERE id = $1', [owner])).toEqual([
      { id: owner, display_name: 'owner', country: 'UA', time_zone: 'Europe/Kyiv' },
    ]);
    expect(await ids(as(owner), 'SELECT id FROM users')).toEqual([owner, consultant].sort());
    expect(await rows(as(owner), 'SELECT name FROM clinics')).toEqual([{ name: 'Clinic A' }]);
    for (const scope of [as(colleague, clinicA), as(adminA, clinicA), as(adminB, clinicB), as(stranger)]) {
      expect(await rows(scope, 'SELECT id FROM pets WHERE owner_id = $1', [owner])).toEqual([]);
      expect(await rows(scope, 'SELECT id FROM users WHERE id = $1', [owner])).toEqual([]);
    }
    const [, updated] = await rows(as(consultant), "UPDATE pets SET name = 'Changed' WHERE id = $1", [bookedPet]);
    expect(updated).toBe(0);
  });

  it('lets participants change it and nobody delete it', async () => {
    for (const scope of [as(stranger), as(colleague, clinicA), as(adminA, clinicA)]) {
      const [, updated] = await rows(scope, 'UPDATE consultations SET room_locked = true WHERE id = $1', [consultation]);
      expect(updated).toBe(0);
    }
    const [, locked] = await rows(as(consultant), 'UPDATE consultations SET room_locked = true WHERE id = $1', [consultation]);
    expect(locked).toBe(1);
    expect(await sqlState(rows(as(owner), 'UPDATE consultations SET consultant_id = $1 WHERE id = $2', [colleague, consultation]))).toBe('42501');
    expect(await sqlState(rows(as(owner), 'DELETE FROM consultations WHERE id = $1', [consultation]))).toBe('42501');
    expect((await schemaOwner.query('SELECT room_locked, consultant_id FROM consultations WHERE id = $1', [consultation])).rows).toEqual([{ room_locked: true, consultant_id: consultant }]);
  });

  it("keeps the chat the participants' own, append-only", async () => {
    const send = (scope: ActingScope, senderId: string, consultationId = consultation) =>
      rows(scope, "INSERT INTO consultation_messages (id, consultation_id, sender_id, client_message_id, text_encrypted) VALUES ($1, $2, $3, $4, '\\x01')", [
        randomUUID(),
        consultationId,
        senderId,
        randomUUID(),
      ]);
    await send(as(owner), owner);
    await send(as(consultant), consultant);
    expect(await sqlState(send(as(owner), consultant))).toBe('42501');
    expect(await sqlState(send(as(colleague, clinicA), colleague))).toBe('42501');
    expect(await sqlState(send(as(adminA, clinicA), adminA))).toBe('42501');
    expect(await rows(as(owner), 'SELECT id FROM consultation_messages')).toHaveLength(2);
    expect(await rows(as(consultant), 'SELECT id FROM consultation_messages')).toHaveLength(2);
    for (const scope of [as(stranger), as(colleague, clinicA), as(adminA, clinicA), NOBODY]) {
      expect(await rows(scope, 'SELECT id FROM consultation_messages')).toEqual([]);
    }
    expect(await sqlState(rows(as(owner), "UPDATE consultation_messages SET text_encrypted = '\\x02'"))).toBe('42501');
    expect(await sqlState(rows(as(owner), 'DELETE FROM consultation_messages'))).toBe('42501');
    const [{ count }] = (await schemaOwner.query('SELECT count(*)::int AS count FROM consultation_messages')).rows;
    expect(count).toBe(2);
  });

  it('finds an owner and pet by e-mail and name for a consultant acting in their clinic only', async () => {
    const find = (scope: ActingScope, email: string, petName: string) => rows(scope, 'SELECT * FROM consultation_find_owner_pet($1, $2)', [email, petName]);
    expect(await find(as(consultant, clinicA), 'OWNER@example.test', 'rEX')).toEqual([{ owner_id: owner, pet_id: bookedPet }]);
    expect(await find(as(consultant, clinicA), 'owner@example.test', 'Tom')).toEqual([]);
    expect(await find(as(consultant, clinicA), 'stranger@example.test', 'Tom')).toEqual([]);
    for (const scope of [as(consultant), as(consultant, clinicB), as(adminA, clinicA), as(owner), NOBODY]) {
      expect(await find(scope, 'owner@example.test', 'Rex')).toEqual([]);
    }
    const summaries = (scope: ActingScope) => rows(scope, 'SELECT consultation_id, name FROM consultation_pet_summaries($1)', [[consultation]]);
    expect(await summaries(as(consultant))).toEqual([{ consultation_id: consultation, name: 'Rex' }]);
    expect(await summaries(as(colleague, clinicA))).toEqual([]);
  });

  it('takes the pet away from the consultant once the consultation is cancelled, and lets nothing be added to it', async () => {
    const cancelled = randomUUID();
    await insertConsultation(as(consultant, clinicA), { id: cancelled, petId: otherPet });
    expect(await ids(as(consultant), 'SELECT id FROM pets')).toEqual([bookedPet, otherPet].sort());
    await rows(as(owner), "UPDATE consultations SET status = 'cancelled' WHERE id = $1", [cancelled]);
    expect(await ids(as(consultant), 'SELECT id FROM pets')).toEqual([bookedPet]);
    expect(await rows(as(consultant), 'SELECT name FROM consultation_pet_summaries($1)', [[cancelled]])).toEqual([{ name: 'Murka' }]);
    expect(
      await sqlState(rows(as(owner), "INSERT INTO consultation_messages (id, consultation_id, sender_id, client_message_id, text_encrypted) VALUES ($1, $2, $3, $4, '\\x01')", [randomUUID(), cancelled, owner, randomUUID()])),
    ).toBe('42501');
  });

  it('closes lapsed consultations only through the sweep function', async () => {
    const lapsed = randomUUID();
    await insertConsultation(as(consultant, clinicA), { id: lapsed });
    await schemaOwner.query("UPDATE consultations SET starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours', status = 'in_progress' WHERE id = $1", [lapsed]);
    const closed = await rows(NOBODY, "SELECT * FROM consultations_close_lapsed(interval '30 minutes')");
    expect(closed).toEqual([{ consultation_id: lapsed, clinic_id: clinicA, status: 'ended' }]);
    expect(await rows(NOBODY, "SELECT * FROM consultations_close_lapsed(interval '30 minutes')")).toEqual([]);
  });

  it('lets a consultant write an on-demand consultation only as an invitation: a scheduled one needs a booking requested from them', async () => {
    expect(await sqlState(inviteTo(as(consultant, clinicA), { status: 'scheduled' }))).toBe('42501');
    expect(await sqlState(inviteTo(as(consultant, clinicA), { status: 'in_progress' }))).toBe('42501');
  });

  it('hides an invitation from the consultant and the clinic admins until the owner accepts, and for ever once declined or expired', async () => {
    const invitation = randomUUID();
    await inviteTo(as(consultant, clinicA), { id: invitation, petId: otherPet });
    for (const status of ['invited', 'declined', 'expired']) {
      await schemaOwner.query('UPDATE consultations SET status = $2 WHERE id = $1', [invitation, status]);
      expect(await ids(as(owner), 'SELECT id FROM consultations')).toContain(invitation);
      for (const scope of [as(consultant), as(consultant, clinicA), as(adminA, clinicA)]) {
        expect(await ids(scope, 'SELECT id FROM consultations')).not.toContain(invitation);
        expect(await rows(scope, 'SELECT name FROM consultation_pet_summaries($1)', [[invitation]])).toEqual([]);
        const [, updated] = await rows(scope, "UPDATE consultations SET status = 'scheduled' WHERE id = $1", [invitation]);
        expect(updated).toBe(0);
      }
      expect(await ids(as(consultant), 'SELECT id FROM pets')).toEqual([bookedPet]);
      // Nobody chats in an invitation, the owner neither.
      expect(
        await sqlState(rows(as(owner), "INSERT INTO consultation_messages (id, consultation_id, sender_id, client_message_id, text_encrypted) VALUES ($1, $2, $3, $4, '\\x01')", [randomUUID(), invitation, owner, randomUUID()])),
      ).toBe('42501');
    }
    await schemaOwner.query("UPDATE consultations SET status = 'cancelled' WHERE id = $1", [invitation]);
  });

  it("ends the consultant's read of the pet when the consultation's join window closes (app.join_closes_minutes)", async () => {
    const withWindow = new DatabaseContext(runtime, { CONSULTATION_JOIN_CLOSES_MINUTES: 30 });
    const petsOf = (context: DatabaseContext) => context.run(as(consultant), (manager) => manager.query<{ id: string }[]>('SELECT id FROM pets WHERE id = $1', [otherPet]));
    const ended = randomUUID();
    await insertConsultation(as(consultant, clinicA), { id: ended, petId: otherPet });
    const endedMinutesAgo = (minutes: number) =>
      schemaOwner.query("UPDATE consultations SET status = 'ended', starts_at = now() - make_interval(mins => $2 + 30), ends_at = now() - make_interval(mins => $2) WHERE id = $1", [ended, minutes]);
    await endedMinutesAgo(20);
    expect(await petsOf(withWindow)).toEqual([{ id: otherPet }]);
    // Without the setting the window closes with the end itself.
    expect(await petsOf(db)).toEqual([]);
    await endedMinutesAgo(40);
    expect(await petsOf(withWindow)).toEqual([]);
    expect(await ids(as(owner), 'SELECT id FROM pets')).toEqual([bookedPet, otherPet].sort());
  });
});
