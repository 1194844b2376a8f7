import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An on-demand consultation starts as an invitation the owner answers: 'invited' until then,
 * 'declined' or 'expired' when it comes to nothing. Its own migration: PostgreSQL lets a new
 * enum value be used only once the transaction that added it has committed, and the policies
 * that read these values come next (ShareOnDemandConsultationsOnlyOnceAccepted).
 */
export class AddConsultationInvitationStatuses1796600300000 implements MigrationInterface {
  name = 'AddConsultationInvitationStatuses1796600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE consultation_status ADD VALUE IF NOT EXISTS 'invited' BEFORE 'scheduled'`);
    await queryRunner.query(`ALTER TYPE consultation_status ADD VALUE IF NOT EXISTS 'declined'`);
    await queryRunner.query(`ALTER TYPE consultation_status ADD VALUE IF NOT EXISTS 'expired'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value, and rebuilding the type would mean dropping every policy
    // and trigger that reads the column: the values stay, unused, and the rows that held them go
    // (invitations never had a room, a chat or a booking). Applying this again adds nothing twice.
    await queryRunner.query(`DELETE FROM consultations WHERE status IN ('invited', 'declined', 'expired')`);
  }
}
