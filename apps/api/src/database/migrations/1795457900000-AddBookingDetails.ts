import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a booking carries beyond its time: the owner's reason and the pet photos shared for
 * it, and, once it is cancelled, by whom, when and what the refund policy granted.
 * Written by hand in the generator's form (the migration test compares it with the entity).
 */
export class AddBookingDetails1795457900000 implements MigrationInterface {
  name = 'AddBookingDetails1795457900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."booking_party" AS ENUM('owner', 'consultant')`);
    // Bookings so far were only holds made by tests and benchmarks: none lacks a reason in any real database.
    await queryRunner.query(`ALTER TABLE "bookings" ADD "reason" text NOT NULL`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "photo_attachment_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "cancelled_by" "public"."booking_party"`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "refund_amount" integer`);
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "bookings_cancellation_recorded" CHECK ("status" <> 'cancelled' OR ("cancelled_by" IS NOT NULL AND "cancelled_at" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "bookings_refund_within_price" CHECK ("refund_amount" IS NULL OR ("refund_amount" >= 0 AND "refund_amount" <= "price_amount"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_refund_within_price"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "bookings_cancellation_recorded"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "refund_amount"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "cancelled_by"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "photo_attachment_ids"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "reason"`);
    await queryRunner.query(`DROP TYPE "public"."booking_party"`);
  }
}
