import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things the recorder needs of the recordings tables (current definitions in
 * apps/api/src/recordings/recordings.schema.ts):
 * - at start-up, every segment left without an ending is finalized from its journal, also of a
 *   recording already stopped (a crash while its last segments were being finalized), with the
 *   recording's wrapped key (the recorder acts as nobody, and row-level security shows it none);
 * - a segment's place on the recording's timeline is where its first packet arrived, which the
 *   capture learns a moment after the segment opened (recording_segment_media_started).
 */
export class RecoverEverySegmentLeftOpen1796700500000 implements MigrationInterface {
  name = 'RecoverEverySegmentLeftOpen1796700500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP FUNCTION recordings_mark_interrupted(text)');
    await run(`CREATE FUNCTION recordings_mark_interrupted(p_reason text)
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
      END $$`);
    await run(`CREATE FUNCTION recording_segment_media_started(p_segment uuid, p_at timestamptz) RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH placed AS (
        UPDATE recording_segments s SET started_at = p_at,
            offset_ms = greatest(0, floor(extract(epoch FROM p_at - r.started_at) * 1000))::bigint
          FROM recordings r
         WHERE s.id = p_segment AND r.id = s.recording_id AND s.ended_at IS NULL RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM placed) $$`);
    for (const signature of ['recordings_mark_interrupted(text)', 'recording_segment_media_started(uuid, timestamptz)']) {
      await run(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${signature} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP FUNCTION recording_segment_media_started(uuid, timestamptz)');
    await run('DROP FUNCTION recordings_mark_interrupted(text)');
    await run(`CREATE FUNCTION recordings_mark_interrupted(p_reason text)
      RETURNS TABLE (recording_id uuid, segment_id uuid, journal_key text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN QUERY WITH interrupted AS (
          UPDATE recordings r SET status = 'interrupted', stopped_at = now(), stop_reason = p_reason
           WHERE r.status IN ('recording', 'paused') AND r.deleted_at IS NULL RETURNING r.id)
        SELECT i.id, s.id, s.journal_key FROM interrupted i LEFT JOIN recording_segments s
          ON s.recording_id = i.id AND s.ended_at IS NULL;
      END $$`);
    await run('REVOKE ALL ON FUNCTION recordings_mark_interrupted(text) FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION recordings_mark_interrupted(text) TO vetmeet_app');
  }
}
