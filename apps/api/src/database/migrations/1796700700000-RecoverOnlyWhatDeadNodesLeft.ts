import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recording belongs to the app node (process) that records it, and at start-up a node
 * recovers only what a dead node left: a live node holds a session advisory lock on its id
 * (recorder_node_lock_key), which its death releases. Before, a node starting beside a live one
 * (a rolling deploy, a scale-out) marked that node's recordings interrupted and ended their
 * open segments without media. Rows from before this migration have no node: anyone recovers them.
 * Current definitions: apps/api/src/recordings/recordings.schema.ts.
 */
export class RecoverOnlyWhatDeadNodesLeft1796700700000 implements MigrationInterface {
  name = 'RecoverOnlyWhatDeadNodesLeft1796700700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('ALTER TABLE recordings ADD COLUMN recorder_node uuid');
    await run(`CREATE FUNCTION recorder_node_lock_key(p_node uuid) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT ('x' || substr(replace(p_node::text, '-', ''), 1, 16))::bit(64)::bigint $$`);
    await run('DROP FUNCTION recording_create(uuid, uuid, uuid, bytea, integer)');
    await run(`CREATE FUNCTION recording_create(p_id uuid, p_consultation uuid,
        p_started_by uuid, p_wrapped_data_key bytea, p_retention_months integer, p_recorder_node uuid DEFAULT NULL)
      RETURNS TABLE (id uuid, clinic_id uuid, started_at timestamptz, retention_until timestamptz)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      INSERT INTO recordings (id, consultation_id, started_by, wrapped_data_key, started_at, retention_until,
        recorder_node)
      VALUES (p_id, p_consultation, p_started_by, p_wrapped_data_key, now(),
        now() + make_interval(months => p_retention_months), p_recorder_node)
      RETURNING recordings.id, recordings.clinic_id, recordings.started_at, recordings.retention_until $$`);
    await run(MARK_INTERRUPTED_OF_DEAD_NODES);
    const granted = ['recorder_node_lock_key(uuid)', 'recording_create(uuid, uuid, uuid, bytea, integer, uuid)'];
    for (const signature of granted) {
      await run(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${signature} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(MARK_INTERRUPTED_OF_ANY_NODE);
    await run('DROP FUNCTION recording_create(uuid, uuid, uuid, bytea, integer, uuid)');
    await run(`CREATE FUNCTION recording_create(p_id uuid, p_consultation uuid,
        p_started_by uuid, p_wrapped_data_key bytea, p_retention_months integer)
      RETURNS TABLE (id uuid, clinic_id uuid, started_at timestamptz, retention_until timestamptz)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      INSERT INTO recordings (id, consultation_id, started_by, wrapped_data_key, started_at, retention_until)
      VALUES (p_id, p_consultation, p_started_by, p_wrapped_data_key, now(),
        now() + make_interval(months => p_retention_months))
      RETURNING recordings.id, recordings.clinic_id, recordings.started_at, recordings.retention_until $$`);
    await run('REVOKE ALL ON FUNCTION recording_create(uuid, uuid, uuid, bytea, integer) FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION recording_create(uuid, uuid, uuid, bytea, integer) TO vetmeet_app');
    await run('DROP FUNCTION recorder_node_lock_key(uuid)');
    await run('ALTER TABLE recordings DROP COLUMN recorder_node');
  }
}

// The definitions as of this migration (current ones: apps/api/src/recordings/recordings.schema.ts).
const MARK_INTERRUPTED_OF_DEAD_NODES = `CREATE OR REPLACE FUNCTION recordings_mark_interrupted(p_reason text)
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

const MARK_INTERRUPTED_OF_ANY_NODE = `CREATE OR REPLACE FUNCTION recordings_mark_interrupted(p_reason text)
  RETURNS TABLE (recording_id uuid, segment_id uuid, journal_key text, mime_type text, wrapped_data_key bytea)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    RETURN QUERY WITH interrupted AS (
      UPDATE recordings r SET status = 'interrupted', stopped_at = now(), stop_reason = p_reason
       WHERE r.status IN ('recording', 'paused') AND r.deleted_at IS NULL RETURNING r.id)
    SELECT i.id, NULL::uuid, NULL::text, NULL::text, NULL::bytea FROM interrupted i
    UNION ALL
    SELECT r.id, s.id, s.journal_key, s.mime_type, r.wrapped_data_key FROM recordings r
      JOIN recording_segments s ON s.recording_id = r.id AND s.ended_at IS NULL
     WHERE r.deleted_at IS NULL AND r.wrapped_data_key IS NOT NULL;
  END $$`;
