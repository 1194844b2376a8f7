import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions the schema relies on: btree_gist lets an exclusion constraint combine a
 * consultant id with a time range (no two bookings overlap, enforced by the database);
 * citext gives case-insensitive unique e-mail addresses.
 */
export class EnablePostgresExtensions1763900000000 implements MigrationInterface {
  name = 'EnablePostgresExtensions1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS citext');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS citext');
    await queryRunner.query('DROP EXTENSION IF EXISTS btree_gist');
  }
}
