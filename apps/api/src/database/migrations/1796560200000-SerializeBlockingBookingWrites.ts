import type { MigrationInterface, QueryRunner } from 'typeorm';

const BLOCKING = `('held', 'pending_acceptance', 'confirmed')`;

/**
 * bookings_no_overlap checks a new row only after it is in the index, and waits for any
 * uncommitted overlapping row it meets. Two concurrent writers on one consultant's time can each
 * meet the other's row and wait for it: PostgreSQL breaks that deadlock by aborting one, which
 * reached an owner as a 500 instead of SLOT_TAKEN (a CI run of the 200-request race lost all 199
 * losers that way). So every write that leaves a row blocking a consultant's time first takes a
 * per-consultant transaction lock (bookings_lock_consultant_calendar): such writers queue, and
 * the constraint never meets another writer's uncommitted blocking row. The constraint stays the
 * guarantee; the lock only orders the writers.
 *
 * Freeing time (cancel, decline, expiry, no-show) takes no lock, so a writer may still wait in the
 * constraint for a row whose release is uncommitted. That cannot close a cycle as long as a
 * transaction that frees a consultant's time does not go on to write blocking time for them
 * without taking the lock first (call bookings_lock_consultant_calendar before the release).
 *
 * A hold takes the lock before it expires the consultant's lapsed holds, and that expiry now skips
 * a lapsed hold another transaction has locked (a late payment deciding its fate): waiting for it
 * while holding the lock could close a cycle with that payment, which needs the lock to write.
 * The price: for the moment another transaction holds a lapsed hold (mostly its own late payment,
 * which may take the time back), a new hold on that time is refused SLOT_TAKEN; the next try,
 * once it is released, succeeds.
 */
export class SerializeBlockingBookingWrites1796560200000 implements MigrationInterface {
  name = 'SerializeBlockingBookingWrites1796560200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE FUNCTION bookings_lock_consultant_calendar(p_consultant uuid) RETURNS void
      LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
      SELECT pg_advisory_xact_lock(hashtextextended('vetmeet.bookings.calendar:' || p_consultant::text, 0)) $$`);
    await run('REVOKE ALL ON FUNCTION bookings_lock_consultant_calendar(uuid) FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION bookings_lock_consultant_calendar(uuid) TO vetmeet_app');

    await run(`CREATE FUNCTION bookings_serialize_blocking_write() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM bookings_lock_consultant_calendar(NEW.consultant_id);
        RETURN NEW;
      END $$`);
    await run('REVOKE ALL ON FUNCTION bookings_serialize_blocking_write() FROM PUBLIC');
    await run(`CREATE TRIGGER bookings_serialize_blocking_write BEFORE INSERT OR UPDATE ON bookings
      FOR EACH ROW WHEN (NEW.status IN ${BLOCKING}) EXECUTE FUNCTION bookings_serialize_blocking_write()`);

    await replaceExpiry(run, 'FOR UPDATE SKIP LOCKED');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await replaceExpiry(run, '');
    await run('DROP TRIGGER bookings_serialize_blocking_write ON bookings');
    await run('DROP FUNCTION bookings_serialize_blocking_write()');
    await run('DROP FUNCTION bookings_lock_consultant_calendar(uuid)');
  }
}

/** bookings_expire_lapsed_holds as in RestrictBookingsToTheirParticipants, with `locking` on the rows it picks. */
async function replaceExpiry(run: (sql: string) => Promise<unknown>, locking: string): Promise<void> {
  await run(`CREATE OR REPLACE FUNCTION bookings_expire_lapsed_holds(p_consultant uuid)
    RETURNS TABLE (booking_id uuid, clinic_id uuid)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE bookings SET status = 'expired', updated_at = now()
     WHERE bookings.id IN (SELECT lapsed.id FROM bookings lapsed
       WHERE lapsed.status = 'held' AND lapsed.hold_expires_at <= now()
         AND (p_consultant IS NULL OR lapsed.consultant_id = p_consultant)
       ${locking})
       AND bookings.status = 'held'
    RETURNING bookings.id, bookings.clinic_id $$`);
}
