import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PAYOUT_FUNCTIONS, PAYOUT_POLICIES } from '../../payouts/payouts.schema';

/**
 * Payouts to clinics through Stripe Connect: each clinic's connected account and its status as
 * Stripe last told it (clinic_payment_accounts, under row-level security: its clinic admins read
 * it, nobody else), and on each payment the account it pays, the platform's fee held back and
 * the transfer Stripe made. Current definitions: apps/api/src/payouts/payouts.schema.ts.
 */
export class ConnectClinicPaymentAccounts1796800300000 implements MigrationInterface {
  name = 'ConnectClinicPaymentAccounts1796800300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TABLE clinic_payment_accounts (
      clinic_id uuid PRIMARY KEY REFERENCES clinics (id),
      stripe_account_id text NOT NULL UNIQUE CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]{1,250}$'),
      charges_enabled boolean NOT NULL DEFAULT false,
      payouts_enabled boolean NOT NULL DEFAULT false,
      details_submitted boolean NOT NULL DEFAULT false,
      requirements_due text[] NOT NULL DEFAULT '{}',
      disabled_reason text,
      status_observed_at timestamptz,
      created_by uuid NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await run('ALTER TABLE clinic_payment_accounts ENABLE ROW LEVEL SECURITY');
    await run('GRANT SELECT ON clinic_payment_accounts TO vetmeet_app');
    await run('GRANT INSERT (clinic_id, stripe_account_id, created_by) ON clinic_payment_accounts TO vetmeet_app');
    for (const sql of PAYOUT_FUNCTIONS) await run(sql);
    const functions = [
      'payment_account_is_clinic_admin(uuid)',
      'clinic_charge_destination(uuid)',
      'clinic_of_payment_account(text)',
      'clinic_payment_account_apply(text, boolean, boolean, boolean, text[], text, timestamptz)',
    ];
    for (const fn of functions) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
    for (const sql of PAYOUT_POLICIES) await run(sql);

    await run(`ALTER TABLE payments ADD COLUMN destination_account text, ADD COLUMN application_fee_amount integer,
      ADD COLUMN transfer_id text`);
    await run('GRANT INSERT (destination_account, application_fee_amount) ON payments TO vetmeet_app');
    await run('GRANT UPDATE (transfer_id) ON payments TO vetmeet_app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('REVOKE UPDATE (transfer_id) ON payments FROM vetmeet_app');
    await run('REVOKE INSERT (destination_account, application_fee_amount) ON payments FROM vetmeet_app');
    await run(`ALTER TABLE payments DROP COLUMN transfer_id, DROP COLUMN application_fee_amount,
      DROP COLUMN destination_account`);
    await run('DROP TABLE clinic_payment_accounts');
    await run('DROP FUNCTION clinic_payment_account_apply(text, boolean, boolean, boolean, text[], text, timestamptz)');
    await run('DROP FUNCTION clinic_of_payment_account(text)');
    await run('DROP FUNCTION clinic_charge_destination(uuid)');
    await run('DROP FUNCTION payment_account_is_clinic_admin(uuid)');
  }
}
