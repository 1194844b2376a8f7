import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  READER_FUNCTIONS,
  RECORDER_FUNCTIONS,
  RECORDING_FUNCTIONS,
  RECORDING_POLICIES,
  RECORDING_TRIGGERS,
} from '../../recordings/recordings.schema';

/**
 * Recordings of consultations: one row per recording (its wrapped data key, status, retention
 * date), its segments (one encrypted WebM object per track and stretch, with its manifest),
 * the support reviews opened on it (time-limited grants, each with its reason) and every byte
 * range a reviewer read. Row-level security on all four; the runtime role writes recordings
 * and segments only through the recorder's SECURITY DEFINER functions and deletes nothing but
 * through recording_shred_*. The functions and policies are those of recordings.schema.ts as
 * of this migration (a later change there comes with a migration of its own).
 */
export class CreateRecordings1796700400000 implements MigrationInterface {
  name = 'CreateRecordings1796700400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TYPE recording_status AS ENUM ('recording', 'paused', 'stopped', 'interrupted')`);
    await run(`CREATE TYPE recording_segment_kind AS ENUM ('audio', 'video')`);
    await run(`CREATE TYPE recording_segment_source AS ENUM ('camera', 'microphone', 'screen')`);
    await run(`CREATE TYPE recording_segment_outcome AS ENUM ('recording', 'completed', 'interrupted', 'cut')`);
    await run(`CREATE TABLE recordings (
      id uuid PRIMARY KEY,
      consultation_id uuid NOT NULL REFERENCES consultations (id),
      clinic_id uuid NOT NULL REFERENCES clinics (id),
      started_by uuid NOT NULL REFERENCES users (id),
      status recording_status NOT NULL DEFAULT 'recording',
      started_at timestamptz NOT NULL DEFAULT now(),
      stopped_at timestamptz,
      stop_reason text,
      wrapped_data_key bytea,
      retention_until timestamptz NOT NULL,
      size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
      deleted_at timestamptz,
      CHECK (deleted_at IS NULL OR wrapped_data_key IS NULL))`);
    await run('CREATE INDEX recordings_consultation ON recordings (consultation_id)');
    await run('CREATE INDEX recordings_clinic_started ON recordings (clinic_id, started_at DESC)');
    await run(`CREATE TABLE recording_segments (
      id uuid PRIMARY KEY,
      recording_id uuid NOT NULL REFERENCES recordings (id),
      user_id uuid NOT NULL REFERENCES users (id),
      kind recording_segment_kind NOT NULL,
      source recording_segment_source NOT NULL,
      codec text NOT NULL,
      mime_type text NOT NULL,
      sequence integer NOT NULL,
      offset_ms bigint NOT NULL CHECK (offset_ms >= 0),
      duration_ms bigint CHECK (duration_ms >= 0),
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      outcome recording_segment_outcome NOT NULL DEFAULT 'recording',
      object_key text UNIQUE,
      journal_key text NOT NULL UNIQUE,
      size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
      chunk_count integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
      tag_chain bytea,
      UNIQUE (recording_id, sequence))`);
    await run(`CREATE TABLE recording_review_grants (
      id uuid PRIMARY KEY,
      recording_id uuid NOT NULL REFERENCES recordings (id),
      clinic_id uuid NOT NULL REFERENCES clinics (id),
      support_user_id uuid NOT NULL REFERENCES users (id),
      reason text NOT NULL CHECK (char_length(reason) BETWEEN 10 AND 500),
      granted_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      ended_reason text,
      CHECK (expires_at > granted_at))`);
    await run('CREATE INDEX recording_review_grants_recording ON recording_review_grants (recording_id, support_user_id)');
    await run(`CREATE TABLE recording_review_reads (
      id uuid PRIMARY KEY,
      grant_id uuid NOT NULL REFERENCES recording_review_grants (id),
      recording_id uuid NOT NULL REFERENCES recordings (id),
      clinic_id uuid NOT NULL REFERENCES clinics (id),
      support_user_id uuid NOT NULL REFERENCES users (id),
      segment_id uuid,
      range_start bigint,
      range_end bigint,
      read_at timestamptz NOT NULL DEFAULT now())`);
    await run('CREATE INDEX recording_review_reads_grant ON recording_review_reads (grant_id)');

    for (const sql of RECORDING_FUNCTIONS) await run(sql);
    for (const signature of [...RECORDER_FUNCTIONS, ...READER_FUNCTIONS]) {
      await run(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${signature} TO vetmeet_app`);
    }
    await run('REVOKE ALL ON FUNCTION recordings_take_clinic() FROM PUBLIC');
    await run('REVOKE ALL ON FUNCTION recording_grants_end_on_withdrawal() FROM PUBLIC');
    for (const sql of RECORDING_TRIGGERS) await run(sql);

    for (const table of TABLES) await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    await run('GRANT SELECT ON recordings, recording_segments TO vetmeet_app');
    await run('GRANT SELECT, INSERT ON recording_review_grants, recording_review_reads TO vetmeet_app');
    for (const sql of RECORDING_POLICIES) await run(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP TRIGGER recording_grants_end_on_withdrawal ON consultation_consents');
    for (const table of [...TABLES].reverse()) await run(`DROP TABLE ${table}`);
    for (const name of FUNCTION_NAMES) await run(`DROP FUNCTION ${name}`);
    for (const type of ['recording_segment_outcome', 'recording_segment_source', 'recording_segment_kind', 'recording_status']) {
      await run(`DROP TYPE ${type}`);
    }
  }
}

const TABLES = ['recordings', 'recording_segments', 'recording_review_grants', 'recording_review_reads'];
const FUNCTION_NAMES = [
  ...RECORDER_FUNCTIONS,
  'support_reviewable_recordings()',
  'clinic_recording_summaries(uuid)',
  'recording_participants(uuid)',
  'recording_review_allowed(uuid)',
  'recording_active_grant(uuid)',
  'app_is_acting_support(uuid)',
  'recording_review_consented(uuid)',
  'recordings_take_clinic()',
  'recording_grants_end_on_withdrawal()',
];
