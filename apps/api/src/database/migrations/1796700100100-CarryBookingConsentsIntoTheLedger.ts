import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BOOKING_CONSENT_DEFINITIONS } from '../../consents/consents.schema';

/**
 * The owner consents to recording and support review when booking, before the consultation
 * exists: booking_consents keeps that yes (the owner's own rows, written while the booking is a
 * hold, never changed), and a trigger carries it into consultation_consents when the booking
 * gets its consultation. Current definitions: apps/api/src/consents/consents.schema.ts.
 */
export class CarryBookingConsentsIntoTheLedger1796700100100 implements MigrationInterface {
  name = 'CarryBookingConsentsIntoTheLedger1796700100100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TABLE booking_consents (
      booking_id uuid NOT NULL,
      purpose consent_purpose NOT NULL,
      policy_version text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT statement_timestamp(),
      CONSTRAINT booking_consents_pkey PRIMARY KEY (booking_id, purpose),
      CONSTRAINT booking_consents_booking_fkey FOREIGN KEY (booking_id)
        REFERENCES bookings (id) ON DELETE CASCADE,
      CONSTRAINT booking_consents_policy_version_present CHECK (length(policy_version) BETWEEN 1 AND 64))`);
    await run('ALTER TABLE booking_consents ENABLE ROW LEVEL SECURITY');
    await run('REVOKE ALL ON booking_consents FROM PUBLIC');
    await run('GRANT SELECT ON booking_consents TO vetmeet_app');
    await run('GRANT INSERT (booking_id, purpose, policy_version) ON booking_consents TO vetmeet_app');
    await run(BOOKING_CONSENT_DEFINITIONS.visible);
    await run(BOOKING_CONSENT_DEFINITIONS.insert);
    await run(BOOKING_CONSENT_DEFINITIONS.carry);
    await run('REVOKE ALL ON FUNCTION bookings_carry_consents() FROM PUBLIC');
    await run(`CREATE TRIGGER bookings_carry_consents AFTER UPDATE OF consultation_id ON bookings FOR EACH ROW
      WHEN (OLD.consultation_id IS NULL AND NEW.consultation_id IS NOT NULL)
      EXECUTE FUNCTION bookings_carry_consents()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP TRIGGER bookings_carry_consents ON bookings');
    await run('DROP FUNCTION bookings_carry_consents()');
    await run('DROP TABLE booking_consents');
  }
}
