import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who sees and changes payments, in the database itself:
 * - a payment and its refunds are read by the booking's owner and consultant, and by the
 *   admins of its clinic acting in it;
 * - they are written only as the paying owner: the owner starts the payment (for their own
 *   booking, unpaid, nothing refunded); webhooks and refunds act as that owner too (the
 *   platform acts for the party whose money it is, so row-level security stays on), whoever
 *   asked for a refund (refunds.requested_by says who);
 * - the runtime role has no DELETE grant on payments or refunds, and no grant at all on
 *   retain_until, which the database sets to creation + 7 years: payment records are kept
 *   7 years. A trigger refuses deleting either before then, for every role, the schema owner
 *   included (a retention purge after retain_until is an operator's job);
 * - only narrow SECURITY DEFINER functions touch payment_webhook_events (no grant on the
 *   table) and find the owner to act as: nobody is signed in for a webhook, and an event may
 *   concern no payment of ours. They answer ids and flags, nothing else: the owner of a
 *   PaymentIntent id or of a booking's payment, whether an event id was processed; and they
 *   record an event's progress (claim, applied with its outcomes, processed, closed).
 */
export class RestrictPaymentsToTheirParticipants1795457258060 implements MigrationInterface {
  name = 'RestrictPaymentsToTheirParticipants1795457258060';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const table of ['payments', 'refunds', 'payment_webhook_events']) await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);

    await run('GRANT SELECT ON payments TO vetmeet_app');
    await run('GRANT INSERT (id, booking_id, clinic_id, owner_id, provider, provider_payment_id, amount, currency) ON payments TO vetmeet_app');
    await run('GRANT UPDATE (status, amount_refunded, last_failure_code, updated_at) ON payments TO vetmeet_app');
    await run(`CREATE POLICY payments_visible ON payments FOR SELECT USING (
      owner_id = app_current_user_id()
      OR EXISTS (SELECT 1 FROM bookings b WHERE b.id = payments.booking_id AND b.consultant_id = app_current_user_id())
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = payments.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
    await run(`CREATE POLICY payments_insert ON payments FOR INSERT WITH CHECK (
      owner_id = app_current_user_id() AND status = 'requires_payment' AND amount_refunded = 0
      AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = booking_id AND b.owner_id = payments.owner_id AND b.clinic_id = payments.clinic_id))`);
    await run(`CREATE POLICY payments_update ON payments FOR UPDATE USING (owner_id = app_current_user_id()) WITH CHECK (owner_id = app_current_user_id())`);

    await run('GRANT SELECT ON refunds TO vetmeet_app');
    await run('GRANT INSERT (id, payment_id, provider_refund_id, amount, reason, requested_by) ON refunds TO vetmeet_app');
    await run('GRANT UPDATE (status, failure_reason, settled_at, settled_event_id, updated_at) ON refunds TO vetmeet_app');
    // The payments policy applies inside: a refund is visible exactly when its payment is.
    await run('CREATE POLICY refunds_visible ON refunds FOR SELECT USING (EXISTS (SELECT 1 FROM payments p WHERE p.id = refunds.payment_id))');
    await run(`CREATE POLICY refunds_insert ON refunds FOR INSERT WITH CHECK (
      EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_id AND p.owner_id = app_current_user_id()))`);
    await run(`CREATE POLICY refunds_update ON refunds FOR UPDATE
      USING (EXISTS (SELECT 1 FROM payments p WHERE p.id = refunds.payment_id AND p.owner_id = app_current_user_id()))
      WITH CHECK (EXISTS (SELECT 1 FROM payments p WHERE p.id = refunds.payment_id AND p.owner_id = app_current_user_id()))`);

    await run(`CREATE FUNCTION payments_keep_for_retention() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v_until timestamptz;
      BEGIN
        IF TG_TABLE_NAME = 'payments' THEN v_until := OLD.retain_until;
        ELSE SELECT p.retain_until INTO v_until FROM payments p WHERE p.id = OLD.payment_id; END IF;
        IF v_until > now() THEN
          RAISE EXCEPTION 'payment records are kept until % (7 years)', v_until USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END $$`);
    await run('CREATE TRIGGER payments_keep_for_retention BEFORE DELETE ON payments FOR EACH ROW EXECUTE FUNCTION payments_keep_for_retention()');
    await run('CREATE TRIGGER refunds_keep_for_retention BEFORE DELETE ON refunds FOR EACH ROW EXECUTE FUNCTION payments_keep_for_retention()');

    await run(`CREATE FUNCTION payment_owner_by_intent(p_provider_payment_id text) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT owner_id FROM payments WHERE provider_payment_id = p_provider_payment_id $$`);
    await run(`CREATE FUNCTION payment_owner_by_booking(p_booking uuid) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT owner_id FROM payments WHERE booking_id = p_booking $$`);
    await run(`CREATE FUNCTION payment_webhook_event_is_processed(p_id text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM payment_webhook_events WHERE id = p_id AND processed_at IS NOT NULL) $$`);
    // Inserts or counts a delivery; the row stays locked until the caller's transaction ends,
    // so two deliveries of one event are applied one after the other.
    await run(`CREATE FUNCTION payment_webhook_event_claim(p_id text, p_type text)
      RETURNS TABLE (applied boolean, processed boolean, outcome text, outcomes jsonb)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      INSERT INTO payment_webhook_events AS e (id, type) VALUES (p_id, p_type)
      ON CONFLICT (id) DO UPDATE SET deliveries = e.deliveries + 1
      RETURNING e.applied_at IS NOT NULL, e.processed_at IS NOT NULL, e.outcome, e.outcomes $$`);
    await run(`CREATE FUNCTION payment_webhook_event_applied(p_id text, p_payment uuid, p_outcome text, p_outcomes jsonb) RETURNS void
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE payment_webhook_events SET applied_at = now(), payment_id = p_payment, outcome = p_outcome, outcomes = p_outcomes
       WHERE id = p_id AND applied_at IS NULL $$`);
    await run(`CREATE FUNCTION payment_webhook_event_processed(p_id text) RETURNS void
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE payment_webhook_events SET processed_at = now() WHERE id = p_id AND applied_at IS NOT NULL AND processed_at IS NULL $$`);
    // An event with nothing to apply (a type we do not handle, a payment that is not ours): processed at once. True the first time.
    await run(`CREATE FUNCTION payment_webhook_event_close(p_id text, p_type text, p_outcome text) RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH inserted AS (
        INSERT INTO payment_webhook_events (id, type, outcome, applied_at, processed_at) VALUES (p_id, p_type, p_outcome, now(), now())
        ON CONFLICT (id) DO NOTHING RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM inserted) $$`);

    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const fn of [...FUNCTIONS].reverse()) await run(`DROP FUNCTION ${fn}`);
    await run('DROP TRIGGER refunds_keep_for_retention ON refunds');
    await run('DROP TRIGGER payments_keep_for_retention ON payments');
    await run('DROP FUNCTION payments_keep_for_retention()');
    for (const policy of ['refunds_update', 'refunds_insert', 'refunds_visible']) await run(`DROP POLICY ${policy} ON refunds`);
    for (const policy of ['payments_update', 'payments_insert', 'payments_visible']) await run(`DROP POLICY ${policy} ON payments`);
    for (const table of ['payment_webhook_events', 'refunds', 'payments']) {
      await run(`REVOKE ALL ON ${table} FROM vetmeet_app`);
      await run(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}

const FUNCTIONS = [
  'payment_owner_by_intent(text)',
  'payment_owner_by_booking(uuid)',
  'payment_webhook_event_is_processed(text)',
  'payment_webhook_event_claim(text, text)',
  'payment_webhook_event_applied(text, uuid, text, jsonb)',
  'payment_webhook_event_processed(text)',
  'payment_webhook_event_close(text, text, text)',
];
