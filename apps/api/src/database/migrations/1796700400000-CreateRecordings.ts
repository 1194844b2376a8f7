import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recordings of consultations: one row per recording (its wrapped data key, status, retention
 * date), its segments (one encrypted WebM object per track and stretch, with its manifest),
 * the support reviews opened on it (time-limited grants, each with its reason) and every byte
 * range a reviewer read. Row-level security on all four; the runtime role writes recordings
 * and segments only through the recorder's SECURITY DEFINER functions and deletes nothing but
 * through recording_shred_*. The functions and policies below are a copy of recordings.schema.ts as
 * of this migration: that file holds the current definitions, this one history.
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
      plaintext_bytes bigint CHECK (plaintext_bytes >= 0),
      chunk_size integer CHECK (chunk_size > 0),
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
    await run('CREATE INDEX recording_review_grants_holder ON recording_review_grants (recording_id, support_user_id)');
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
    for (const type of TYPES) await run(`DROP TYPE ${type}`);
  }
}

// The definitions as of this migration (current ones: apps/api/src/recordings/recordings.schema.ts).

/**
 * The owner's latest support_review consent for the recording's consultation stands (true), or not: the
 * consent ledger's own consent_standing(), read as the owner of the tables (support staff cannot read the ledger).
 */
const RECORDING_REVIEW_CONSENTED = `CREATE OR REPLACE FUNCTION recording_review_consented(p_recording uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT consent_standing(c.id, c.owner_id, 'support_review') FROM recordings r
      JOIN consultations c ON c.id = r.consultation_id WHERE r.id = p_recording), false) $$`;

/** The acting person is support staff of the clinic they act in, and that clinic is p_clinic. */
const APP_IS_ACTING_SUPPORT = `CREATE OR REPLACE FUNCTION app_is_acting_support(p_clinic uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p_clinic = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
    WHERE m.clinic_id = p_clinic AND m.user_id = app_current_user_id() AND m.role = 'support') $$`;

/** The acting support person holds a grant on the recording now: not expired, not ended, consent standing. */
const RECORDING_ACTIVE_GRANT = `CREATE OR REPLACE FUNCTION recording_active_grant(p_recording uuid)
  RETURNS TABLE (grant_id uuid, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.expires_at FROM recording_review_grants g JOIN recordings r ON r.id = g.recording_id
   WHERE g.recording_id = p_recording AND g.support_user_id = app_current_user_id()
     AND g.clinic_id = r.clinic_id AND app_is_acting_support(r.clinic_id)
     AND g.ended_at IS NULL AND g.expires_at > now() AND r.deleted_at IS NULL
     AND recording_review_consented(p_recording)
   ORDER BY g.expires_at DESC LIMIT 1 $$`;

const RECORDING_REVIEW_ALLOWED = `CREATE OR REPLACE FUNCTION recording_review_allowed(p_recording uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM recording_active_grant(p_recording)) $$`;

/** Whose tracks a recording holds (owner, consultant), for whoever may read it: support cannot read consultations. */
const RECORDING_PARTICIPANTS = `CREATE OR REPLACE FUNCTION recording_participants(p_recording uuid)
  RETURNS TABLE (owner_id uuid, consultant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.owner_id, c.consultant_id FROM recordings r JOIN consultations c ON c.id = r.consultation_id
   WHERE r.id = p_recording AND r.deleted_at IS NULL
     AND (app_is_consultation_participant(c.id) OR recording_review_allowed(r.id)) $$`;

/** A recording's clinic is its consultation's, whatever the writer passed. */
const RECORDINGS_TAKE_CLINIC = `CREATE OR REPLACE FUNCTION recordings_take_clinic()
  RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    NEW.clinic_id := (SELECT c.clinic_id FROM consultations c WHERE c.id = NEW.consultation_id);
    RETURN NEW;
  END $$`;

/** Withdrawing support_review consent ends every grant on that consultation's recordings at once. */
const RECORDING_GRANTS_END_ON_WITHDRAWAL = `CREATE OR REPLACE FUNCTION recording_grants_end_on_withdrawal()
  RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    IF NEW.purpose = 'support_review' AND NOT NEW.granted
       AND NEW.user_id = (SELECT c.owner_id FROM consultations c WHERE c.id = NEW.consultation_id) THEN
      UPDATE recording_review_grants g SET ended_at = now(), ended_reason = 'consent_withdrawn'
       WHERE g.ended_at IS NULL
         AND g.recording_id IN (SELECT r.id FROM recordings r WHERE r.consultation_id = NEW.consultation_id);
    END IF;
    RETURN NEW;
  END $$`;

const RECORDING_CREATE = `CREATE OR REPLACE FUNCTION recording_create(p_id uuid, p_consultation uuid,
    p_started_by uuid, p_wrapped_data_key bytea, p_retention_months integer)
  RETURNS TABLE (id uuid, clinic_id uuid, started_at timestamptz, retention_until timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO recordings (id, consultation_id, started_by, wrapped_data_key, started_at, retention_until)
  VALUES (p_id, p_consultation, p_started_by, p_wrapped_data_key, now(),
    now() + make_interval(months => p_retention_months))
  RETURNING recordings.id, recordings.clinic_id, recordings.started_at, recordings.retention_until $$`;

/** Stopping (or an interruption) is final: a stopped recording never records again. */
const RECORDING_SET_STATUS = `CREATE OR REPLACE FUNCTION recording_set_status(p_id uuid,
    p_status recording_status, p_reason text)
  RETURNS boolean LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE recordings SET status = p_status,
      stopped_at = CASE WHEN p_status IN ('stopped', 'interrupted') THEN now() ELSE NULL END,
      stop_reason = CASE WHEN p_status IN ('stopped', 'interrupted') THEN p_reason ELSE NULL END
   WHERE recordings.id = p_id AND recordings.status IN ('recording', 'paused') AND recordings.deleted_at IS NULL
  RETURNING true $$`;

const RECORDING_ADD_SEGMENT = `CREATE OR REPLACE FUNCTION recording_add_segment(p_id uuid, p_recording uuid,
    p_user uuid, p_kind recording_segment_kind, p_source recording_segment_source, p_codec text, p_mime_type text,
    p_journal_key text)
  RETURNS TABLE (id uuid, sequence integer, offset_ms bigint, started_at timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE v_started timestamptz;
  BEGIN
    SELECT r.started_at INTO v_started FROM recordings r
     WHERE r.id = p_recording AND r.status IN ('recording', 'paused') AND r.deleted_at IS NULL FOR UPDATE;
    IF v_started IS NULL THEN RAISE EXCEPTION 'recording % is not open', p_recording USING ERRCODE = 'P0002'; END IF;
    RETURN QUERY INSERT INTO recording_segments AS s (id, recording_id, user_id, kind, source, codec, mime_type,
        sequence, offset_ms, started_at, journal_key)
      VALUES (p_id, p_recording, p_user, p_kind, p_source, p_codec, p_mime_type,
        (SELECT coalesce(max(x.sequence), 0) + 1 FROM recording_segments x WHERE x.recording_id = p_recording),
        greatest(0, floor(extract(epoch FROM clock_timestamp() - v_started) * 1000))::bigint, clock_timestamp(),
        p_journal_key)
      RETURNING s.id, s.sequence, s.offset_ms, s.started_at;
  END $$`;

/** Ends a segment once (its object finalized, or not): its manifest, and its size counted into the recording's. */
const RECORDING_END_SEGMENT = `CREATE OR REPLACE FUNCTION recording_end_segment(p_segment uuid,
    p_outcome recording_segment_outcome, p_duration_ms bigint, p_object_key text, p_size_bytes bigint,
    p_plaintext_bytes bigint, p_chunk_size integer, p_chunk_count integer, p_tag_chain bytea)
  RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE v_recording uuid;
  BEGIN
    IF p_outcome = 'recording' THEN RAISE EXCEPTION 'a segment ends with an outcome' USING ERRCODE = '22023'; END IF;
    UPDATE recording_segments s SET outcome = p_outcome, ended_at = clock_timestamp(), duration_ms = p_duration_ms,
        object_key = p_object_key, size_bytes = coalesce(p_size_bytes, 0), plaintext_bytes = p_plaintext_bytes,
        chunk_size = p_chunk_size, chunk_count = coalesce(p_chunk_count, 0), tag_chain = p_tag_chain
     WHERE s.id = p_segment AND s.ended_at IS NULL
    RETURNING s.recording_id INTO v_recording;
    IF v_recording IS NULL THEN RETURN false; END IF;
    UPDATE recordings r SET size_bytes = r.size_bytes + coalesce(p_size_bytes, 0) WHERE r.id = v_recording;
    RETURN true;
  END $$`;

/** After a restart: recordings a dead process left open are interrupted; their open segments listed for recovery. */
const RECORDINGS_MARK_INTERRUPTED = `CREATE OR REPLACE FUNCTION recordings_mark_interrupted(p_reason text)
  RETURNS TABLE (recording_id uuid, segment_id uuid, journal_key text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    RETURN QUERY WITH interrupted AS (
      UPDATE recordings r SET status = 'interrupted', stopped_at = now(), stop_reason = p_reason
       WHERE r.status IN ('recording', 'paused') AND r.deleted_at IS NULL RETURNING r.id)
    SELECT i.id, s.id, s.journal_key FROM interrupted i LEFT JOIN recording_segments s
      ON s.recording_id = i.id AND s.ended_at IS NULL;
  END $$`;

/** Shredding, step 1, committed on its own: without its wrapped data key no byte of the recording can be read again. */
const RECORDING_SHRED_KEY = `CREATE OR REPLACE FUNCTION recording_shred_key(p_id uuid)
  RETURNS TABLE (object_key text, journal_key text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    UPDATE recordings r SET wrapped_data_key = NULL,
        status = CASE WHEN r.status IN ('recording', 'paused') THEN 'stopped'::recording_status ELSE r.status END,
        stopped_at = coalesce(r.stopped_at, now()), stop_reason = coalesce(r.stop_reason, 'deleted')
     WHERE r.id = p_id;
    RETURN QUERY SELECT s.object_key, s.journal_key FROM recording_segments s WHERE s.recording_id = p_id;
  END $$`;

/** Shredding, last step (after the objects are gone): the segments' rows go, the recording stays as a deleted stub. */
const RECORDING_SHRED_FINISH = `CREATE OR REPLACE FUNCTION recording_shred_finish(p_id uuid)
  RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM recordings r WHERE r.id = p_id AND r.wrapped_data_key IS NOT NULL) THEN
      RAISE EXCEPTION 'recording % still has its data key: shred the key first', p_id USING ERRCODE = '55000';
    END IF;
    DELETE FROM recording_segments s WHERE s.recording_id = p_id;
    UPDATE recording_review_grants g SET ended_at = now(), ended_reason = 'recording_deleted'
     WHERE g.recording_id = p_id AND g.ended_at IS NULL;
    UPDATE recordings r SET deleted_at = now(), size_bytes = 0 WHERE r.id = p_id AND r.deleted_at IS NULL;
    RETURN FOUND;
  END $$`;

/** Clinic admins: that recordings exist, their size and dates, nothing that opens them. */
const CLINIC_RECORDING_SUMMARIES = `CREATE OR REPLACE FUNCTION clinic_recording_summaries(p_clinic uuid)
  RETURNS TABLE (id uuid, consultation_id uuid, status recording_status, size_bytes bigint, started_at timestamptz,
    stopped_at timestamptz, retention_until timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id, r.consultation_id, r.status, r.size_bytes, r.started_at, r.stopped_at, r.retention_until
    FROM recordings r
   WHERE r.clinic_id = p_clinic AND p_clinic = app_current_clinic_id() AND r.deleted_at IS NULL
     AND EXISTS (SELECT 1 FROM clinic_memberships m
       WHERE m.clinic_id = p_clinic AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')
   ORDER BY r.started_at DESC $$`;

/** Support staff: their clinic's recordings whose owner's support_review consent stands, and their own grant. */
const SUPPORT_REVIEWABLE_RECORDINGS = `CREATE OR REPLACE FUNCTION support_reviewable_recordings()
  RETURNS TABLE (id uuid, consultation_starts_at timestamptz, status recording_status, size_bytes bigint,
    started_at timestamptz, stopped_at timestamptz, grant_expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id, c.starts_at, r.status, r.size_bytes, r.started_at, r.stopped_at,
         (SELECT a.expires_at FROM recording_active_grant(r.id) a)
    FROM recordings r JOIN consultations c ON c.id = r.consultation_id
   WHERE r.clinic_id = app_current_clinic_id() AND app_is_acting_support(r.clinic_id)
     AND r.deleted_at IS NULL AND recording_review_consented(r.id)
   ORDER BY r.started_at DESC $$`;

/** Every function above, in the order they depend on each other. */
const RECORDING_FUNCTIONS = [
  RECORDING_REVIEW_CONSENTED,
  APP_IS_ACTING_SUPPORT,
  RECORDING_ACTIVE_GRANT,
  RECORDING_REVIEW_ALLOWED,
  RECORDING_PARTICIPANTS,
  RECORDINGS_TAKE_CLINIC,
  RECORDING_GRANTS_END_ON_WITHDRAWAL,
  RECORDING_CREATE,
  RECORDING_SET_STATUS,
  RECORDING_ADD_SEGMENT,
  RECORDING_END_SEGMENT,
  RECORDINGS_MARK_INTERRUPTED,
  RECORDING_SHRED_KEY,
  RECORDING_SHRED_FINISH,
  CLINIC_RECORDING_SUMMARIES,
  SUPPORT_REVIEWABLE_RECORDINGS,
];

/** Functions only the recorder path calls; the HTTP services never do. */
const RECORDER_FUNCTIONS = [
  'recording_create(uuid, uuid, uuid, bytea, integer)',
  'recording_set_status(uuid, recording_status, text)',
  'recording_add_segment(uuid, uuid, uuid, recording_segment_kind, recording_segment_source, text, text, text)',
  'recording_end_segment(uuid, recording_segment_outcome, bigint, text, bigint, bigint, integer, integer, bytea)',
  'recordings_mark_interrupted(text)',
  'recording_shred_key(uuid)',
  'recording_shred_finish(uuid)',
];

const READER_FUNCTIONS = [
  'recording_review_consented(uuid)',
  'app_is_acting_support(uuid)',
  'recording_active_grant(uuid)',
  'recording_review_allowed(uuid)',
  'recording_participants(uuid)',
  'clinic_recording_summaries(uuid)',
  'support_reviewable_recordings()',
];

const RECORDING_TRIGGERS = [
  `CREATE TRIGGER recordings_take_clinic BEFORE INSERT ON recordings
    FOR EACH ROW EXECUTE FUNCTION recordings_take_clinic()`,
  `CREATE TRIGGER recording_grants_end_on_withdrawal AFTER INSERT ON consultation_consents
    FOR EACH ROW EXECUTE FUNCTION recording_grants_end_on_withdrawal()`,
];

const RECORDING_POLICIES = [
  `CREATE POLICY recordings_readers ON recordings FOR SELECT USING (deleted_at IS NULL
    AND (app_is_consultation_participant(consultation_id) OR recording_review_allowed(id)))`,
  `CREATE POLICY recording_segments_readers ON recording_segments FOR SELECT
    USING (EXISTS (SELECT 1 FROM recordings r WHERE r.id = recording_id))`,
  `CREATE POLICY recording_review_grants_own ON recording_review_grants FOR SELECT
    USING (support_user_id = app_current_user_id() AND app_is_acting_support(clinic_id))`,
  `CREATE POLICY recording_review_grants_open ON recording_review_grants FOR INSERT WITH CHECK (
    support_user_id = app_current_user_id() AND app_is_acting_support(clinic_id) AND ended_at IS NULL
    AND expires_at > now() AND EXISTS (SELECT 1 FROM support_reviewable_recordings() s WHERE s.id = recording_id))`,
  `CREATE POLICY recording_review_reads_own ON recording_review_reads FOR SELECT
    USING (support_user_id = app_current_user_id() AND app_is_acting_support(clinic_id))`,
  `CREATE POLICY recording_review_reads_log ON recording_review_reads FOR INSERT WITH CHECK (
    support_user_id = app_current_user_id() AND EXISTS (SELECT 1 FROM recording_active_grant(recording_id) a
      WHERE a.grant_id = recording_review_reads.grant_id))`,
];

const TYPES = ['recording_segment_outcome', 'recording_segment_source', 'recording_segment_kind', 'recording_status'];
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
