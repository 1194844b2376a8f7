import type { MigrationInterface, QueryRunner } from 'typeorm';

const FUNCTIONS = ['rate_limit_hit(text, bytea, integer)', 'rate_limit_forget(text, bytea)', 'rate_limit_sweep()'];

/**
 * Rate-limit counters every node shares, so a restart forgets nothing and a second node does not
 * double a budget. Keys are HMACs (the app never stores an address or e-mail here). Row-level
 * security is on with no policy and the runtime role has no privilege on the table: it counts,
 * forgets and sweeps through three SECURITY DEFINER functions, and cannot list or read keys.
 * Current definitions: apps/api/src/rate-limits/rate-limits.schema.ts.
 */
export class ShareRateLimitsInPostgres1796600600000 implements MigrationInterface {
  name = 'ShareRateLimitsInPostgres1796600600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TABLE rate_limit_windows (
      limiter text NOT NULL,
      key_hash bytea NOT NULL,
      window_started_at timestamptz NOT NULL,
      window_ends_at timestamptz NOT NULL,
      hits integer NOT NULL,
      CONSTRAINT rate_limit_windows_pkey PRIMARY KEY (limiter, key_hash))`);
    await run('CREATE INDEX rate_limit_windows_ends ON rate_limit_windows (window_ends_at)');
    await run('ALTER TABLE rate_limit_windows ENABLE ROW LEVEL SECURITY');
    await run('REVOKE ALL ON rate_limit_windows FROM PUBLIC');

    await run(`CREATE FUNCTION rate_limit_hit(p_limiter text, p_key bytea, p_window_ms integer)
      RETURNS TABLE (hits integer, resets_in_ms integer)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      INSERT INTO rate_limit_windows AS w (limiter, key_hash, window_started_at, window_ends_at, hits)
      VALUES (p_limiter, p_key, statement_timestamp(),
        statement_timestamp() + p_window_ms * interval '1 millisecond', 1)
      ON CONFLICT (limiter, key_hash) DO UPDATE SET
        window_started_at = CASE WHEN w.window_ends_at <= statement_timestamp()
          THEN excluded.window_started_at ELSE w.window_started_at END,
        window_ends_at = CASE WHEN w.window_ends_at <= statement_timestamp()
          THEN excluded.window_ends_at ELSE w.window_ends_at END,
        hits = CASE WHEN w.window_ends_at <= statement_timestamp() THEN 1 ELSE w.hits + 1 END
      RETURNING w.hits, ceil(extract(epoch FROM w.window_ends_at - statement_timestamp()) * 1000)::integer $$`);
    await run(`CREATE FUNCTION rate_limit_forget(p_limiter text, p_key bytea) RETURNS void
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DELETE FROM rate_limit_windows WHERE limiter = p_limiter AND key_hash = p_key $$`);
    await run(`CREATE FUNCTION rate_limit_sweep() RETURNS integer
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH swept AS (DELETE FROM rate_limit_windows WHERE window_ends_at <= statement_timestamp() RETURNING 1)
      SELECT count(*)::integer FROM swept $$`);
    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await queryRunner.query(`DROP FUNCTION ${fn}`);
    await queryRunner.query('DROP TABLE rate_limit_windows');
  }
}
