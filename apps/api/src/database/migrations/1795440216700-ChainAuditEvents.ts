import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is append-only for the runtime role (INSERT and SELECT, no UPDATE or
 * DELETE), and tamper-evident: a trigger, under one lock, gives each event the next chain
 * position and hash = sha256(previous hash || canonical text of the event). Editing or
 * removing any row breaks every hash after it, which `npm run audit:verify` reports.
 * An event may name only the clinic the actor is acting for; clinics read their own.
 */
export class ChainAuditEvents1795440216700 implements MigrationInterface {
  name = 'ChainAuditEvents1795440216700';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    // The one definition of what is hashed; the verifier reads the same text back.
    await run(`CREATE FUNCTION audit_event_canonical(e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT concat_ws('|', e.chain_seq::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(e.clinic_id::text, ''), coalesce(e.actor_user_id::text, ''), coalesce(e.actor_role, ''), e.action,
        e.entity_type, coalesce(e.entity_id, ''), e.outcome::text, coalesce(host(e.ip), ''), coalesce(e.request_id, ''))
    $$`);
    await run(`CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE previous audit_events%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('vetmeet.audit_events.chain'));
        SELECT * INTO previous FROM audit_events ORDER BY chain_seq DESC LIMIT 1;
        NEW.chain_seq := coalesce(previous.chain_seq, 0) + 1;
        NEW.occurred_at := clock_timestamp();
        NEW.prev_hash := coalesce(previous.hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
        NEW.hash := sha256(NEW.prev_hash || convert_to(audit_event_canonical(NEW), 'UTF8'));
        RETURN NEW;
      END $$`);
    await run('CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain()');

    await run('ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY');
    // Chain columns are the trigger's to fill: the runtime role cannot name them.
    await run(`GRANT INSERT (clinic_id, actor_user_id, actor_role, action, entity_type, entity_id, outcome, ip, request_id) ON audit_events TO vetmeet_app`);
    await run('GRANT SELECT ON audit_events TO vetmeet_app');
    await run('CREATE POLICY audit_append ON audit_events FOR INSERT WITH CHECK (clinic_id IS NULL OR clinic_id = app_current_clinic_id())');
    await run('CREATE POLICY audit_read_own_clinic ON audit_events FOR SELECT USING (clinic_id = app_current_clinic_id())');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP POLICY audit_read_own_clinic ON audit_events');
    await run('DROP POLICY audit_append ON audit_events');
    await run('REVOKE ALL ON audit_events FROM vetmeet_app');
    await run('ALTER TABLE audit_events DISABLE ROW LEVEL SECURITY');
    await run('DROP TRIGGER audit_events_chain ON audit_events');
    await run('DROP FUNCTION audit_events_chain()');
    await run('DROP FUNCTION audit_event_canonical(audit_events)');
  }
}
