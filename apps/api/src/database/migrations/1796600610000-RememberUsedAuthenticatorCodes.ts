import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An authenticator code works once: the last accepted time step is kept on the account
 * (users.totp_last_step) instead of in one process's memory, so a code used on one node cannot be
 * used again on another, or after a restart, within its 30-second steps. And since a completed
 * second factor now replaces the half-signed-in session with a new one, the runtime role no longer
 * needs to flip sessions.second_factor_pending: deny by default.
 */
export class RememberUsedAuthenticatorCodes1796600610000 implements MigrationInterface {
  name = 'RememberUsedAuthenticatorCodes1796600610000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD totp_last_step integer');
    await queryRunner.query('GRANT SELECT (totp_last_step), UPDATE (totp_last_step) ON users TO vetmeet_app');
    await queryRunner.query('REVOKE UPDATE (second_factor_pending) ON sessions FROM vetmeet_app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('GRANT UPDATE (second_factor_pending) ON sessions TO vetmeet_app');
    await queryRunner.query('REVOKE SELECT (totp_last_step), UPDATE (totp_last_step) ON users FROM vetmeet_app');
    await queryRunner.query('ALTER TABLE users DROP COLUMN totp_last_step');
  }
}
