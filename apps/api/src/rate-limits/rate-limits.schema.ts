/**
 * The current definition of the rate-limit store in PostgreSQL (migrations are its history:
 * 1796600600000-ShareRateLimitsInPostgres). The runtime role reaches the table only through
 * these functions: it can count and forget a key it already knows, never list or read keys.
 */
export const RATE_LIMIT_FUNCTIONS = {
  /**
   * One hit, atomically: the upsert takes the row's lock, so concurrent hits from every node
   * count one after another. A window that is over starts again at 1.
   */
  hit: `CREATE OR REPLACE FUNCTION rate_limit_hit(p_limiter text, p_key bytea, p_window_ms integer)
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
    RETURNING w.hits, ceil(extract(epoch FROM w.window_ends_at - statement_timestamp()) * 1000)::integer $$`,
  forget: `CREATE OR REPLACE FUNCTION rate_limit_forget(p_limiter text, p_key bytea) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM rate_limit_windows WHERE limiter = p_limiter AND key_hash = p_key $$`,
  /** Windows that are over hold nothing a hit needs (it starts a new one): removed, counted. */
  sweep: `CREATE OR REPLACE FUNCTION rate_limit_sweep() RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH swept AS (DELETE FROM rate_limit_windows WHERE window_ends_at <= statement_timestamp() RETURNING 1)
    SELECT count(*)::integer FROM swept $$`,
} as const;
