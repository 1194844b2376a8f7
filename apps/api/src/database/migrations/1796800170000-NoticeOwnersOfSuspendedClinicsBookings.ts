import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking cancelled because its clinic was suspended tells the owner so, in a notice of its own
 * (the clinic can no longer hold it, a full refund, the directory to book another vet), through
 * the same outbox as every booking e-mail: sent once, and only if the cancellation committed.
 */
export class NoticeOwnersOfSuspendedClinicsBookings1796800170000 implements MigrationInterface {
  name = 'NoticeOwnersOfSuspendedClinicsBookings1796800170000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE booking_notification_kind ADD VALUE IF NOT EXISTS 'clinic_suspended'`);
  }

  /** PostgreSQL cannot drop an enum value; such rows are kept, and an older release would not send them. */
  async down(): Promise<void> {}
}
