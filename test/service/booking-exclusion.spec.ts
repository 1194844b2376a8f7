import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@vetmeet/contracts';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BookingHolds, rethrowSlotTaken, type HoldSlotRequest } from '../../apps/api/src/bookings/booking-holds';
import { AppError } from '../../apps/api/src/common/errors/app-error';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ATTEMPTS = 200;
/** Connections held open at once: enough for real contention, within PostgreSQL's 100 shared by parallel suites. */
const POOL = 40;
/** Rounds of the deadlock test, POOL holds on one slot each. */
const ROUNDS = 60;
const [clinic, otherClinic] = [randomUUID(), randomUUID()];
const [consultant, otherConsultant, admin, colleague] = Array.from({ length: 4 }, () => randomUUID());
const at = (time: string) => new Date(`2027-03-01T${time}:00Z`);

interface Owner {
  id: string;
  petId: string;
}

describe('bookings: never two blocking bookings on overlapping time for one consultant', () => {
  let database: TestDatabase;
  let schemaOwner: Client;
  let runtime: DataSource;
  let db: DatabaseContext;
  let holds: BookingHolds;
  let owners: Owner[];

  const as = (userId: string, clinicId: string | null = null) => ({ userId, clinicId }) satisfies ActingScope;
  const request = (values: Partial<HoldSlotRequest> = {}): HoldSlotRequest => ({
    clinicId: clinic,
    consultantId: consultant,
    petId: owners[0].petId,
    startsAt: at('10:00'),
    endsAt: at('10:30'),
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    holdSeconds: 600,
    priceAmount: 2500,
    priceCurrency: 'EUR',
    reason: 'Limping since yesterday',
    ...values,
  });
  const hold = (owner: Owner, values: Partial<HoldSlotRequest> = {}) => holds.holdSlot(as(owner.id), request({ petId: owner.petId, ...values }));
  const outcome = (promise: Promise<unknown>) => promise.then(
    () => 'held',
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );
  const statuses = async (consultantId: string) =>
    (await schemaOwner.query<{ status: string }>('SELECT status FROM bookings WHERE consultant_id = $1 ORDER BY created_at, id', [consultantId])).rows.map((row) => row.status);

  /** What the runtime role's backends wait on (a lock of some kind), once `count` of them wait. */
  const waitingWriters = async (count: number): Promise<string[]> => {
    let waits: string[] = [];
    for (let attempt = 0; attempt < 100 && waits.length < count; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const { rows } = await schemaOwner.query<{ wait_event: string }>(
        `SELECT wait_event FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND state = 'active' AND wait_event_type = 'Lock' ORDER BY wait_event`,
        [database.name, TEST_RUNTIME_LOGIN.role],
      );
      waits = rows.map((row) => row.wait_event);
    }
    return waits;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    schemaOwner = new Client({ connectionString: database.url });
    await schemaOwner.connect();
    await schemaOwner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Clinic', 'approved'), ($2, 'Other clinic', 'approved')`, [clinic, otherClinic]);
    const addUser = (id: string, email: string) =>
      schemaOwner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', 'person', 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, email],
      );
    for (const [id, name] of [[consultant, 'consultant'], [otherConsultant, 'other-consultant'], [admin, 'admin'], [colleague, 'colleague']] as const) await addUser(id, `${name}@example.test`);
    owners = Array.from({ length: ATTEMPTS + 5 }, () => ({ id: randomUUID(), petId: randomUUID() }));
    for (const [index, owner] of owners.entries()) await addUser(owner.id, `owner-${index}@example.test`);
    await schemaOwner.query(`INSERT INTO pets (id, owner_id, name, species) SELECT unnest($1::uuid[]), unnest($2::uuid[]), 'Rex', 'dog'`, [
      owners.map((owner) => owner.petId),
      owners.map((owner) => owner.id),
    ]);
    const member = (clinicId: string, userId: string, role: string) =>
      schemaOwner.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), clinicId, userId, role]);
    await member(clinic, consultant, 'consultant');
    await member(clinic, otherConsultant, 'consultant');
    await member(clinic, colleague, 'consultant');
    await member(clinic, admin, 'clinic_admin');
    await member(otherClinic, otherConsultant, 'consultant');

    const options = appDataSourceOptions(appUrl);
    runtime = new DataSource({ ...options, extra: { ...options.extra, max: POOL, connectionTimeoutMillis: 30_000 } });
    await runtime.initialize();
    db = new DatabaseContext(runtime);
    holds = new BookingHolds(db);
  });
  afterAll(async () => {
    await runtime?.destroy();
    await schemaOwner?.end();
    await database?.drop();
  });

  it(`lets exactly one of ${ATTEMPTS} concurrent holds on one slot win; the rest are told SLOT_TAKEN`, async () => {
    const results = await Promise.all(owners.slice(0, ATTEMPTS).map((owner) => outcome(hold(owner))));
    expect(results.filter((result) => result === 'held')).toHaveLength(1);
    expect(results.filter((result) => result === ErrorCode.SlotTaken)).toHaveLength(ATTEMPTS - 1);
    expect(await statuses(consultant)).toEqual(['held']);
  });

  // Why no deadlock: a second writer of the consultant's time queues on the calendar lock before
  // it writes anything, where it used to insert its row and then wait inside the constraint for
  // the first one's transaction (the wait that can close a cycle between two such writers). The
  // same holds for an update that leaves a booking blocking, as a payment or a reschedule makes.
  it("makes a second writer of a consultant's time wait for the calendar lock before it writes, not inside the constraint", async () => {
    const [first, second, third] = owners.slice(ATTEMPTS, ATTEMPTS + 3);
    // The day before the stress test's rounds.
    const day = (time: string) => new Date(`2027-02-28T${time}:00Z`);
    const slot = { consultantId: colleague, startsAt: day('20:00'), endsAt: day('20:30') };
    const paid = await hold(third, { consultantId: colleague, startsAt: day('10:00'), endsAt: day('10:30') });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let firstInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const firstHold = db.runAs(as(first.id), async (manager) => {
      await holds.insertHold(manager, first.id, request({ ...slot, petId: first.petId }));
      firstInserted();
      await released;
    });
    await inserted;
    const secondHold = outcome(hold(second, slot));
    const holdWaits = await waitingWriters(1);
    const payment = db.runAs(as(third.id), (manager) => manager.query(`UPDATE bookings SET status = 'pending_acceptance', hold_expires_at = NULL WHERE id = $1`, [paid.id]));
    const bothWait = await waitingWriters(2);
    release();
    await firstHold;
    await payment;
    expect({ holdWaits, bothWait }).toEqual({ holdWaits: ['advisory'], bothWait: ['advisory', 'advisory'] });
    expect(await secondHold).toBe(ErrorCode.SlotTaken);
  });

  // Two inserts into an exclusion constraint can each meet the other's uncommitted row and wait on
  // it; PostgreSQL then aborts one with a deadlock, which reached owners as a 500 (a CI run lost
  // all 199 losers of the e2e race that way). It is a race inside one statement, so this loop only
  // guards: without the fix, 150 rounds deadlocked from about round 41 (once the index had grown
  // with each round's dead rows), while these 60 passed twice. The test above is the one that
  // fails on the old code every time. Each hold stays open a moment after its insert, as a booking's does.
  it('never lets concurrent holds deadlock: over many rounds each slot has one winner and every other attempt is SLOT_TAKEN', async () => {
    const holdAndLinger = (owner: Owner, startsAt: Date) =>
      outcome(
        db
          .runAs(as(owner.id), async (manager) => {
            await holds.insertHold(manager, owner.id, request({ consultantId: colleague, petId: owner.petId, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) }));
            await manager.query('SELECT pg_sleep(0.01)');
          })
          .catch(rethrowSlotTaken),
      );
    const tally: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      const startsAt = new Date(at('08:00').getTime() + round * 3_600_000);
      for (const result of await Promise.all(owners.slice(0, POOL).map((owner) => holdAndLinger(owner, startsAt)))) tally[result] = (tally[result] ?? 0) + 1;
    }
    expect(tally).toEqual({ held: ROUNDS, [ErrorCode.SlotTaken]: ROUNDS * (POOL - 1) });
  });

  it('refuses time that overlaps the held one once buffers are counted, and takes the time right after them', async () => {
    const late = owners[ATTEMPTS];
    // 10:35 starts after 10:30, but the held booking's buffer runs to 10:40.
    expect(await outcome(hold(late, { startsAt: at('10:35'), endsAt: at('11:05'), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }))).toBe(ErrorCode.SlotTaken);
    // 10:45 clears the held booking, but this one's own 10-minute buffer before reaches back to 10:35.
    expect(await outcome(hold(late, { startsAt: at('10:45'), endsAt: at('11:15') }))).toBe(ErrorCode.SlotTaken);
    // Earlier, its buffer after reaches into the held booking's buffer before (09:50).
    expect(await outcome(hold(late, { startsAt: at('09:15'), endsAt: at('09:45'), bufferBeforeMinutes: 0, bufferAfterMinutes: 10 }))).toBe(ErrorCode.SlotTaken);
    // Ranges are half-open: a booking may start where the last buffer ends.
    expect(await outcome(hold(late, { startsAt: at('10:50'), endsAt: at('11:20') }))).toBe('held');
    expect(await statuses(consultant)).toEqual(['held', 'held']);
  });

  it("lets another consultant's same time be held", async () => {
    expect(await outcome(hold(owners[ATTEMPTS + 1], { consultantId: otherConsultant }))).toBe('held');
    expect(await statuses(otherConsultant)).toEqual(['held']);
  });

  it('frees the time of a hold that lapsed: the next hold marks it expired and takes the slot', async () => {
    const [first, second] = [owners[ATTEMPTS + 2], owners[ATTEMPTS + 3]];
    const slot = { consultantId: otherConsultant, startsAt: at('14:00'), endsAt: at('14:30') };
    const lapsing = await hold(first, slot);
    expect(await outcome(hold(second, slot))).toBe(ErrorCode.SlotTaken);
    await schemaOwner.query("UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1", [lapsing.id]);
    expect(await outcome(hold(second, slot))).toBe('held');
    const { rows } = await schemaOwner.query<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [lapsing.id]);
    expect(rows).toEqual([{ status: 'expired' }]);
  });

  it('frees the time of a cancelled booking', async () => {
    const [first, second] = [owners[ATTEMPTS + 4], owners[ATTEMPTS + 3]];
    const slot = { consultantId: otherConsultant, startsAt: at('16:00'), endsAt: at('16:30') };
    const cancelled = await hold(first, slot);
    expect(await outcome(hold(second, slot))).toBe(ErrorCode.SlotTaken);
    const [, changed] = await db.run(as(first.id), (manager) =>
      manager.query<[unknown[], number]>("UPDATE bookings SET status = 'cancelled', cancelled_by = 'owner', cancelled_at = now(), hold_expires_at = NULL, updated_at = now() WHERE id = $1", [cancelled.id]),
    );
    expect(changed).toBe(1);
    expect(await outcome(hold(second, slot))).toBe('held');
  });

  it('lets an owner hold only for a pet of theirs and with a consultant of the clinic, and shows bookings only to their participants and clinic admins', async () => {
    const [owner, other] = [owners[0], owners[1]];
    const refused = (values: Partial<HoldSlotRequest>) =>
      holds.holdSlot(as(owner.id), request({ startsAt: at('18:00'), endsAt: at('18:30'), ...values })).then(
        () => 'held',
        (error: { driverError?: { code?: string } }) => error.driverError?.code,
      );
    expect(await refused({ petId: other.petId })).toBe('42501');
    expect(await refused({ petId: owner.petId, consultantId: admin })).toBe('42501');
    expect(await refused({ petId: owner.petId, clinicId: otherClinic })).toBe('42501');

    const visible = async (scope: ActingScope) =>
      (await db.run(scope, (manager) => manager.query<{ id: string }[]>('SELECT id FROM bookings WHERE consultant_id = $1', [consultant]))).length;
    const total = (await statuses(consultant)).length;
    // Holds, lapsed or given up, never became requests: their consultant sees none of them.
    expect(await visible(as(consultant))).toBe(0);
    expect(await visible(as(admin, clinic))).toBe(total);
    expect(await visible(as(admin))).toBe(0);
    expect(await visible(as(colleague, clinic))).toBe(0);
    const mine = (await schemaOwner.query('SELECT 1 FROM bookings WHERE owner_id = $1 AND consultant_id = $2', [owner.id, consultant])).rowCount;
    expect(await visible(as(owner.id))).toBe(mine);
    expect(await visible(as(owners[ATTEMPTS + 4].id))).toBe(0);

    // Paid, a hold becomes a request to the consultant, and stays theirs whatever becomes of it; nobody can take that back.
    const [held] = (await schemaOwner.query<{ id: string; owner_id: string }>(`SELECT id, owner_id FROM bookings WHERE consultant_id = $1 AND status = 'held' LIMIT 1`, [consultant])).rows;
    const petSummaries = async () => (await db.run(as(consultant), (manager) => manager.query<unknown[]>('SELECT * FROM booking_pet_summaries($1::uuid[])', [[held.id]]))).length;
    const ownerRows = async () => (await db.run(as(consultant), (manager) => manager.query<unknown[]>('SELECT id FROM users WHERE id = $1', [held.owner_id]))).length;
    expect([await petSummaries(), await ownerRows()]).toEqual([0, 0]);
    await schemaOwner.query(`UPDATE bookings SET status = 'pending_acceptance', hold_expires_at = NULL WHERE id = $1`, [held.id]);
    expect(await visible(as(consultant))).toBe(1);
    expect([await petSummaries(), await ownerRows()]).toEqual([1, 1]);
    await schemaOwner.query(`UPDATE bookings SET status = 'cancelled', cancelled_by = 'owner', cancelled_at = now(), refund_amount = 0, requested_at = NULL WHERE id = $1`, [held.id]);
    expect(await visible(as(consultant))).toBe(1);
    const rewrite = db.run(as(held.owner_id), (manager) => manager.query('UPDATE bookings SET requested_at = NULL WHERE id = $1', [held.id]));
    await expect(rewrite).rejects.toThrow(/permission denied/);
  });
});
