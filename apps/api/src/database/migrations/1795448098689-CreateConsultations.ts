import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultations (one owner, one pet, one consultant of one clinic, at a time) and their
 * in-call chat: messages encrypted under a per-consultation key, shared files encrypted like
 * pet attachments. Generated and reviewed; access rules in the next migration.
 */
export class CreateConsultations1795448098689 implements MigrationInterface {
  name = 'CreateConsultations1795448098689';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."consultation_status" AS ENUM('scheduled', 'waiting', 'in_progress', 'ended', 'cancelled', 'no_show')`);
    await queryRunner.query(`CREATE TABLE "consultations" ("id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "pet_id" uuid NOT NULL, "consultant_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."consultation_status" NOT NULL DEFAULT 'scheduled', "reason" text, "room_password_hash" text, "room_locked" boolean NOT NULL DEFAULT false, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultations_owner_is_not_consultant" CHECK ("owner_id" <> "consultant_id"), CONSTRAINT "consultations_ends_after_start" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0b61bee575c0b8ddd2dbd1403b" ON "consultations"  ("pet_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_87cbf332b4920fdbd7e83ea8a0" ON "consultations"  ("status", "ends_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_e1991c7f601c3af18b531fb4b6" ON "consultations"  ("clinic_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_dfb96e539003beadd79fa19c04" ON "consultations"  ("owner_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_bb4daf5c054588658e4af8f5bb" ON "consultations"  ("consultant_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "consultation_chat_keys" ("consultation_id" uuid NOT NULL, "wrapped_key" bytea NOT NULL, "master_key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e702edc5cd57535aad5aec48650" PRIMARY KEY ("consultation_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f73475ddbdd4af8271c229742d" ON "consultation_chat_keys"  ("master_key_id") `);
    await queryRunner.query(`CREATE TABLE "consultation_files" ("id" uuid NOT NULL, "consultation_id" uuid NOT NULL, "uploader_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "storage_key" text NOT NULL, "wrapped_key" bytea NOT NULL, "master_key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_085284d7cea4791a5136b1e8a33" UNIQUE ("storage_key"), CONSTRAINT "PK_b58147da36ff300f887069b096d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_17d9e6284b5c4ca1e9067162d3" ON "consultation_files"  ("consultation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9b58e5a3609bc2f71bc29d9575" ON "consultation_files"  ("master_key_id") `);
    await queryRunner.query(`CREATE TABLE "consultation_messages" ("id" uuid NOT NULL, "consultation_id" uuid NOT NULL, "sender_id" uuid NOT NULL, "client_message_id" uuid NOT NULL, "text_encrypted" bytea, "file_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultation_messages_has_content" CHECK ("text_encrypted" IS NOT NULL OR "file_id" IS NOT NULL), CONSTRAINT "PK_2466d945eb87e1c8a1b36ade9ca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_16145c5135760481d6c93381e1" ON "consultation_messages"  ("file_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_400198ce2da1a66fdd6404215a" ON "consultation_messages"  ("consultation_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ed835b9190ac809a77a44aacf4" ON "consultation_messages"  ("consultation_id", "sender_id", "client_message_id") `);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "FK_45e49311fe36267f5ad9e6b94f9" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "FK_633910572f74186c760a891ef6a" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "FK_0b61bee575c0b8ddd2dbd1403b4" FOREIGN KEY ("pet_id") REFERENCES "pets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "FK_0489ca1223160ffa297b4435b33" FOREIGN KEY ("consultant_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_chat_keys" ADD CONSTRAINT "FK_e702edc5cd57535aad5aec48650" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_files" ADD CONSTRAINT "FK_17d9e6284b5c4ca1e9067162d3b" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_messages" ADD CONSTRAINT "FK_32aff7fe736edad25596b292290" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_messages" ADD CONSTRAINT "FK_3e84166cfc874f8c238d4421083" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_messages" ADD CONSTRAINT "FK_16145c5135760481d6c93381e14" FOREIGN KEY ("file_id") REFERENCES "consultation_files"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultation_messages" DROP CONSTRAINT "FK_16145c5135760481d6c93381e14"`);
    await queryRunner.query(`ALTER TABLE "consultation_messages" DROP CONSTRAINT "FK_3e84166cfc874f8c238d4421083"`);
    await queryRunner.query(`ALTER TABLE "consultation_messages" DROP CONSTRAINT "FK_32aff7fe736edad25596b292290"`);
    await queryRunner.query(`ALTER TABLE "consultation_files" DROP CONSTRAINT "FK_17d9e6284b5c4ca1e9067162d3b"`);
    await queryRunner.query(`ALTER TABLE "consultation_chat_keys" DROP CONSTRAINT "FK_e702edc5cd57535aad5aec48650"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "FK_0489ca1223160ffa297b4435b33"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "FK_0b61bee575c0b8ddd2dbd1403b4"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "FK_633910572f74186c760a891ef6a"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "FK_45e49311fe36267f5ad9e6b94f9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ed835b9190ac809a77a44aacf4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_400198ce2da1a66fdd6404215a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_16145c5135760481d6c93381e1"`);
    await queryRunner.query(`DROP TABLE "consultation_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b58e5a3609bc2f71bc29d9575"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_17d9e6284b5c4ca1e9067162d3"`);
    await queryRunner.query(`DROP TABLE "consultation_files"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f73475ddbdd4af8271c229742d"`);
    await queryRunner.query(`DROP TABLE "consultation_chat_keys"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb4daf5c054588658e4af8f5bb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dfb96e539003beadd79fa19c04"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e1991c7f601c3af18b531fb4b6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_87cbf332b4920fdbd7e83ea8a0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b61bee575c0b8ddd2dbd1403b"`);
    await queryRunner.query(`DROP TABLE "consultations"`);
    await queryRunner.query(`DROP TYPE "public"."consultation_status"`);
  }
}
