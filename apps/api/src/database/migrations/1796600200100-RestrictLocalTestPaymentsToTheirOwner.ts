import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who touches the local test payment mode's state, in the database itself. Everything the mode
 * does runs as the paying owner (as webhooks and refunds do for real payments), so:
 * - an owner sees and changes only their own test PaymentIntents and refunds;
 * - a test PaymentIntent is created for the owner's own booking, for exactly its price, and
 *   starts unpaid (the runtime role may not set its status or refunded amount on insert);
 * - its status moves once, from requires_payment_method to succeeded or canceled (a trigger);
 * - its refunded amount is not the runtime role's to write: a refund row adds to it (a
 *   SECURITY DEFINER trigger, only for a succeeded intent), and the CHECK keeps it within the
 *   amount, so the total and the refunds cannot disagree;
 * - no DELETE and no UPDATE of refunds: a test refund, once made, stays as the record of it.
 */
export class RestrictLocalTestPaymentsToTheirOwner1796600200100 implements MigrationInterface {
  name = 'RestrictLocalTestPaymentsToTheirOwner1796600200100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const table of TABLES) await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);

    await run('GRANT SELECT ON local_test_payment_intents TO vetmeet_app');
    await run(`GRANT INSERT (id, idempotency_key, owner_id, booking_id, client_secret, amount, currency)
      ON local_test_payment_intents TO vetmeet_app`);
    await run('GRANT UPDATE (status, last_failure_code, updated_at) ON local_test_payment_intents TO vetmeet_app');
    await run(`CREATE POLICY local_test_payment_intents_visible ON local_test_payment_intents FOR SELECT
      USING (owner_id = app_current_user_id())`);
    await run(`CREATE POLICY local_test_payment_intents_insert ON local_test_payment_intents FOR INSERT WITH CHECK (
      owner_id = app_current_user_id()
      AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = booking_id
        AND b.owner_id = local_test_payment_intents.owner_id
        AND b.price_amount = local_test_payment_intents.amount
        AND b.price_currency = local_test_payment_intents.currency))`);
    await run(`CREATE POLICY local_test_payment_intents_update ON local_test_payment_intents FOR UPDATE
      USING (owner_id = app_current_user_id()) WITH CHECK (owner_id = app_current_user_id())`);
    await run(`CREATE FUNCTION local_test_payment_intents_guard() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      BEGIN
        IF NEW.status IS DISTINCT FROM OLD.status AND OLD.status <> 'requires_payment_method' THEN
          RAISE EXCEPTION 'a local test payment that is % stays so', OLD.status USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.amount_refunded < OLD.amount_refunded THEN
          RAISE EXCEPTION 'a refunded amount only grows' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await run(`CREATE TRIGGER local_test_payment_intents_guard BEFORE UPDATE ON local_test_payment_intents
      FOR EACH ROW EXECUTE FUNCTION local_test_payment_intents_guard()`);

    await run('GRANT SELECT ON local_test_refunds TO vetmeet_app');
    await run('GRANT INSERT (id, idempotency_key, intent_id, amount) ON local_test_refunds TO vetmeet_app');
    // The intents policy applies inside: a refund is visible exactly when its intent is.
    await run(`CREATE POLICY local_test_refunds_visible ON local_test_refunds FOR SELECT
      USING (EXISTS (SELECT 1 FROM local_test_payment_intents i WHERE i.id = local_test_refunds.intent_id))`);
    await run(`CREATE POLICY local_test_refunds_insert ON local_test_refunds FOR INSERT WITH CHECK (
      EXISTS (SELECT 1 FROM local_test_payment_intents i
        WHERE i.id = intent_id AND i.owner_id = app_current_user_id()))`);
    await run(`CREATE FUNCTION local_test_refunds_add_up() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE local_test_payment_intents SET amount_refunded = amount_refunded + NEW.amount, updated_at = now()
         WHERE id = NEW.intent_id AND status = 'succeeded';
        IF NOT FOUND THEN
          RAISE EXCEPTION 'only a succeeded local test payment is refunded' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await run(`CREATE TRIGGER local_test_refunds_add_up AFTER INSERT ON local_test_refunds
      FOR EACH ROW EXECUTE FUNCTION local_test_refunds_add_up()`);
    for (const fn of FUNCTIONS) await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP TRIGGER local_test_refunds_add_up ON local_test_refunds');
    await run('DROP TRIGGER local_test_payment_intents_guard ON local_test_payment_intents');
    for (const fn of [...FUNCTIONS].reverse()) await run(`DROP FUNCTION ${fn}`);
    for (const policy of ['insert', 'visible']) {
      await run(`DROP POLICY local_test_refunds_${policy} ON local_test_refunds`);
    }
    for (const policy of ['update', 'insert', 'visible']) {
      await run(`DROP POLICY local_test_payment_intents_${policy} ON local_test_payment_intents`);
    }
    for (const table of [...TABLES].reverse()) {
      await run(`REVOKE ALL ON ${table} FROM vetmeet_app`);
      await run(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}

const TABLES = ['local_test_payment_intents', 'local_test_refunds'];
const FUNCTIONS = ['local_test_payment_intents_guard()', 'local_test_refunds_add_up()'];
