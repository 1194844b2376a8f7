import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pet attachments (encrypted bodies in object storage), one-time e-mail links, TOTP second
 * factor with recovery codes, and staff invitations. Generated and reviewed; access rules in
 * the next migration.
 */
export class AddAttachmentsEmailTokensTotpAndInvitations1795441566494 implements MigrationInterface {
  name = 'AddAttachmentsEmailTokensTotpAndInvitations1795441566494';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."email_token_purpose" AS ENUM('verify_email', 'reset_password')`);
    await queryRunner.query(`CREATE TABLE "email_tokens" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" "public"."email_token_purpose" NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8acb431edfc9f9d0e77741468ed" UNIQUE ("token_hash"), CONSTRAINT "PK_08abb3fa348e894c274a6730d35" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_018295f41628791c301bfe8b62" ON "email_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "recovery_codes" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "code_hash" bytea NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0723b9e53961e799027d7f7ba32" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fb82b2ac740ca095b617afad03" ON "recovery_codes"  ("user_id") `);
    await queryRunner.query(`CREATE TYPE "public"."attachment_kind" AS ENUM('photo', 'video', 'lab_result', 'diagnostic_image')`);
    await queryRunner.query(`CREATE TABLE "pet_attachments" ("id" uuid NOT NULL, "pet_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "kind" "public"."attachment_kind" NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "storage_key" text NOT NULL, "wrapped_key" bytea NOT NULL, "master_key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6527a05850fc2a77e314ef1e119" UNIQUE ("storage_key"), CONSTRAINT "PK_6ccd5240133dd270a5dbac5a586" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bb7c41c9d04f9e6748955378e2" ON "pet_attachments"  ("pet_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a99c6efd22430d2d58dc281d66" ON "pet_attachments"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a0ec1e25d3defc65f1cc035cae" ON "pet_attachments"  ("master_key_id") `);
    await queryRunner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "email" citext NOT NULL, "role" "public"."staff_role" NOT NULL, "token_hash" bytea NOT NULL, "invited_by" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd" UNIQUE ("token_hash"), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f66a9ce719f5fcafe676a5fa2a" ON "invitations"  ("clinic_id") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_secret_wrapped" bytea`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "second_factor_pending" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "email_tokens" ADD CONSTRAINT "FK_018295f41628791c301bfe8b625" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recovery_codes" ADD CONSTRAINT "FK_fb82b2ac740ca095b617afad031" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pet_attachments" ADD CONSTRAINT "FK_bb7c41c9d04f9e6748955378e28" FOREIGN KEY ("pet_id") REFERENCES "pets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_f66a9ce719f5fcafe676a5fa2ac" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_f66a9ce719f5fcafe676a5fa2ac"`);
    await queryRunner.query(`ALTER TABLE "pet_attachments" DROP CONSTRAINT "FK_bb7c41c9d04f9e6748955378e28"`);
    await queryRunner.query(`ALTER TABLE "recovery_codes" DROP CONSTRAINT "FK_fb82b2ac740ca095b617afad031"`);
    await queryRunner.query(`ALTER TABLE "email_tokens" DROP CONSTRAINT "FK_018295f41628791c301bfe8b625"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "second_factor_pending"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_enabled_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_secret_wrapped"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f66a9ce719f5fcafe676a5fa2a"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a0ec1e25d3defc65f1cc035cae"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a99c6efd22430d2d58dc281d66"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb7c41c9d04f9e6748955378e2"`);
    await queryRunner.query(`DROP TABLE "pet_attachments"`);
    await queryRunner.query(`DROP TYPE "public"."attachment_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb82b2ac740ca095b617afad03"`);
    await queryRunner.query(`DROP TABLE "recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_018295f41628791c301bfe8b62"`);
    await queryRunner.query(`DROP TABLE "email_tokens"`);
    await queryRunner.query(`DROP TYPE "public"."email_token_purpose"`);
  }
}
