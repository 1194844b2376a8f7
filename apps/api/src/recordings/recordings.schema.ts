/**
 * Current definitions of the recordings module's SQL functions, triggers and policies
 * (migrations are history; this is what the database holds now). Tables are in the
 * migration 1796700400000-CreateRecordings.
 *
 * Who reaches what:
 * - the recorder (capture, journal, restart, retention) writes only through the SECURITY DEFINER
 *   functions recording_*: the runtime role has no INSERT, UPDATE or DELETE on the tables, so
 *   nothing but these paths writes or deletes a recording, and nothing but recording_shred_*
 *   deletes one;
 * - participants (owner, consultant) read their consultation's recordings and segments;
 * - support staff read one only through recording_review_allowed(): an active grant of their
 *   own, in the clinic they act in, while the owner's support_review consent stands now;
 * - clinic admins read metadata only, through clinic_recording_summaries() (no row policy lets
 *   them read the tables, so object keys and wrapped keys stay out of their reach);
 * - nobody else.
 * Audit events about a recording or a segment are attributed to the consultation's clinic by
 * audit_consultation_clinic() (migration 1796700400100).
 */

/**
 * The owner's latest support_review consent for the recording's consultation stands (true), or not: the
 * consent ledger's own consent_standing(), read as the owner of the tables (support staff cannot read the ledger).
 */
export const RECORDING_REVIEW_CONSENTED = `CREATE OR REPLACE FUNCTION recording_review_consented(p_recording uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT consent_standing(c.id, c.owner_id, 'support_review') FROM recordings r
      JOIN consultations c ON c.id = r.consultation_id WHERE r.id = p_recording), false) $$`;

/** The acting person is support staff of the clinic they act in, and that clinic is p_clinic. */
export const APP_IS_ACTING_SUPPORT = `CREATE OR REPLACE FUNCTION app_is_acting_support(p_clinic uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p_clinic = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
    WHERE m.clinic_id = p_clinic AND m.user_id = app_current_user_id() AND m.role = 'support') $$`;

/** The acting support person holds a grant on the recording now: not expired, not ended, consent standing. */
export const RECORDING_ACTIVE_GRANT = `CREATE OR REPLACE FUNCTION recording_active_grant(p_recording uuid)
  RETURNS TABLE (grant_id uuid, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.expires_at FROM recording_review_grants g JOIN recordings r ON r.id = g.recording_id
   WHERE g.recording_id = p_recording AND g.support_user_id = app_current_user_id()
     AND g.clinic_id = r.clinic_id AND app_is_acting_support(r.clinic_id)
     AND g.ended_at IS NULL AND g.expires_at > now() AND r.deleted_at IS NULL
     AND recording_review_consented(p_recording)
   ORDER BY g.expires_at DESC LIMIT 1 $$`;

export const RECORDING_REVIEW_ALLOWED = `CREATE OR REPLACE FUNCTION recording_review_allowed(p_recording uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM recording_active_grant(p_recording)) $$`;

/** Whose tracks a recording holds (owner, consultant), for whoever may read it: support cannot read consultations. */
export const RECORDING_PARTICIPANTS = `CREATE OR REPLACE FUNCTION recording_participants(p_recording uuid)
  RETURNS TABLE (owner_id uuid, consultant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.owner_id, c.consultant_id FROM recordings r JOIN consultations c ON c.id = r.consultation_id
   WHERE r.id = p_recording AND r.deleted_at IS NULL
     AND (app_is_consultation_participant(c.id) OR recording_review_allowed(r.id)) $$`;

/** A recording's clinic is its consultation's, whatever the writer passed. */
export const RECORDINGS_TAKE_CLINIC = `CREATE OR REPLACE FUNCTION recordings_take_clinic()
  RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    NEW.clinic_id := (SELECT c.clinic_id FROM consultations c WHERE c.id = NEW.consultation_id);
    RETURN NEW;
  END $$`;

/** Withdrawing support_review consent ends every grant on that consultation's recordings at once. */
export const RECORDING_GRANTS_END_ON_WITHDRAWAL = `CREATE OR REPLACE FUNCTION recording_grants_end_on_withdrawal()
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

export const RECORDING_CREATE = `CREATE OR REPLACE FUNCTION recording_create(p_id uuid, p_consultation uuid,
    p_started_by uuid, p_wrapped_data_key bytea, p_retention_months integer, p_recorder_node uuid DEFAULT NULL)
  RETURNS TABLE (id uuid, clinic_id uuid, started_at timestamptz, retention_until timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO recordings (id, consultation_id, started_by, wrapped_data_key, started_at, retention_until, recorder_node)
  VALUES (p_id, p_consultation, p_started_by, p_wrapped_data_key, now(),
    now() + make_interval(months => p_retention_months), p_recorder_node)
  RETURNING recordings.id, recordings.clinic_id, recordings.started_at, recordings.retention_until $$`;

/** The advisory lock a live app node holds on its id while it records (its death releases it). */
export const RECORDER_NODE_LOCK_KEY = `CREATE OR REPLACE FUNCTION recorder_node_lock_key(p_node uuid) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT ('x' || substr(replace(p_node::text, '-', ''), 1, 16))::bit(64)::bigint $$`;

/** Stopping (or an interruption) is final: a stopped recording never records again. */
export const RECORDING_SET_STATUS = `CREATE OR REPLACE FUNCTION recording_set_status(p_id uuid,
    p_status recording_status, p_reason text)
  RETURNS boolean LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE recordings SET status = p_status,
      stopped_at = CASE WHEN p_status IN ('stopped', 'interrupted') THEN now() ELSE NULL END,
      stop_reason = CASE WHEN p_status IN ('stopped', 'interrupted') THEN p_reason ELSE NULL END
   WHERE recordings.id = p_id AND recordings.status IN ('recording', 'paused') AND recordings.deleted_at IS NULL
  RETURNING true $$`;

export const RECORDING_ADD_SEGMENT = `CREATE OR REPLACE FUNCTION recording_add_segment(p_id uuid, p_recording uuid,
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
export const RECORDING_END_SEGMENT = `CREATE OR REPLACE FUNCTION recording_end_segment(p_segment uuid,
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

/**
 * After a restart: recordings a dead process left open are interrupted; every segment left without
 * an ending (of those, or of a recording stopped while its last segments were being finalized) is
 * listed with its recording's wrapped key and container for recovery. Only what dead nodes left
 * (a live node holds the advisory lock of its id, so the try fails for it), and what has no node
 * (rows from before recorder_node). (1796700500000, 1796700700000)
 */
export const RECORDINGS_MARK_INTERRUPTED = `CREATE OR REPLACE FUNCTION recordings_mark_interrupted(p_reason text)
  RETURNS TABLE (recording_id uuid, segment_id uuid, journal_key text, mime_type text, wrapped_data_key bytea)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    RETURN QUERY WITH candidates AS MATERIALIZED (
      SELECT r.id, r.status, r.recorder_node FROM recordings r
       WHERE r.deleted_at IS NULL AND (r.status IN ('recording', 'paused')
          OR EXISTS (SELECT 1 FROM recording_segments s WHERE s.recording_id = r.id AND s.ended_at IS NULL))),
    orphaned AS MATERIALIZED (
      SELECT c.id, c.status FROM candidates c
       WHERE c.recorder_node IS NULL OR pg_try_advisory_xact_lock(recorder_node_lock_key(c.recorder_node))),
    interrupted AS (
      UPDATE recordings r SET status = 'interrupted', stopped_at = now(), stop_reason = p_reason
        FROM orphaned o WHERE r.id = o.id AND o.status IN ('recording', 'paused') RETURNING r.id)
    SELECT i.id, NULL::uuid, NULL::text, NULL::text, NULL::bytea FROM interrupted i
    UNION ALL
    SELECT r.id, s.id, s.journal_key, s.mime_type, r.wrapped_data_key FROM orphaned o
      JOIN recordings r ON r.id = o.id
      JOIN recording_segments s ON s.recording_id = r.id AND s.ended_at IS NULL
     WHERE r.wrapped_data_key IS NOT NULL;
  END $$`;

/** A segment sits on the recording's timeline where its first packet arrived, known a moment after it opened. */
export const RECORDING_SEGMENT_MEDIA_STARTED = `CREATE OR REPLACE FUNCTION recording_segment_media_started(p_segment uuid,
    p_at timestamptz) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH placed AS (
    UPDATE recording_segments s SET started_at = p_at,
        offset_ms = greatest(0, floor(extract(epoch FROM p_at - r.started_at) * 1000))::bigint
      FROM recordings r
     WHERE s.id = p_segment AND r.id = s.recording_id AND s.ended_at IS NULL RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM placed) $$`;

/** Shredding, step 1, committed on its own: without its wrapped data key no byte of the recording can be read again. */
export const RECORDING_SHRED_KEY = `CREATE OR REPLACE FUNCTION recording_shred_key(p_id uuid)
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
export const RECORDING_SHRED_FINISH = `CREATE OR REPLACE FUNCTION recording_shred_finish(p_id uuid)
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
export const CLINIC_RECORDING_SUMMARIES = `CREATE OR REPLACE FUNCTION clinic_recording_summaries(p_clinic uuid)
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
export const SUPPORT_REVIEWABLE_RECORDINGS = `CREATE OR REPLACE FUNCTION support_reviewable_recordings()
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
export const RECORDING_FUNCTIONS = [
  RECORDING_REVIEW_CONSENTED,
  APP_IS_ACTING_SUPPORT,
  RECORDING_ACTIVE_GRANT,
  RECORDING_REVIEW_ALLOWED,
  RECORDING_PARTICIPANTS,
  RECORDINGS_TAKE_CLINIC,
  RECORDING_GRANTS_END_ON_WITHDRAWAL,
  RECORDING_CREATE,
  RECORDER_NODE_LOCK_KEY,
  RECORDING_SET_STATUS,
  RECORDING_ADD_SEGMENT,
  RECORDING_END_SEGMENT,
  RECORDINGS_MARK_INTERRUPTED,
  RECORDING_SEGMENT_MEDIA_STARTED,
  RECORDING_SHRED_KEY,
  RECORDING_SHRED_FINISH,
  CLINIC_RECORDING_SUMMARIES,
  SUPPORT_REVIEWABLE_RECORDINGS,
];

/** Functions only the recorder path calls; the HTTP services never do. */
export const RECORDER_FUNCTIONS = [
  'recording_create(uuid, uuid, uuid, bytea, integer, uuid)',
  'recorder_node_lock_key(uuid)',
  'recording_set_status(uuid, recording_status, text)',
  'recording_add_segment(uuid, uuid, uuid, recording_segment_kind, recording_segment_source, text, text, text)',
  'recording_end_segment(uuid, recording_segment_outcome, bigint, text, bigint, bigint, integer, integer, bytea)',
  'recordings_mark_interrupted(text)',
  'recording_segment_media_started(uuid, timestamptz)',
  'recording_shred_key(uuid)',
  'recording_shred_finish(uuid)',
];

export const READER_FUNCTIONS = [
  'recording_review_consented(uuid)',
  'app_is_acting_support(uuid)',
  'recording_active_grant(uuid)',
  'recording_review_allowed(uuid)',
  'recording_participants(uuid)',
  'clinic_recording_summaries(uuid)',
  'support_reviewable_recordings()',
];

export const RECORDING_TRIGGERS = [
  `CREATE TRIGGER recordings_take_clinic BEFORE INSERT ON recordings
    FOR EACH ROW EXECUTE FUNCTION recordings_take_clinic()`,
  `CREATE TRIGGER recording_grants_end_on_withdrawal AFTER INSERT ON consultation_consents
    FOR EACH ROW EXECUTE FUNCTION recording_grants_end_on_withdrawal()`,
];

export const RECORDING_POLICIES = [
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
