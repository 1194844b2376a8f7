import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A consultant's bookings are listed a page at a time by start (GET /bookings?as=consultant), as an owner's are by owner_id, starts_at. */
export class IndexBookingsByConsultant1796560100000 implements MigrationInterface {
  name = 'IndexBookingsByConsultant1796560100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "bookings_consultant_starts_at" ON "bookings" ("consultant_id", "starts_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."bookings_consultant_starts_at"`);
  }
}
