import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConnectedAccountStatus } from './stripe-connect';

export interface ClinicPaymentAccountRow {
  clinic_id: string;
  stripe_account_id: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements_due: string[];
  disabled_reason: string | null;
  status_observed_at: Date | null;
}

const COLUMNS = `clinic_id, stripe_account_id, charges_enabled, payouts_enabled, details_submitted,
  requirements_due, disabled_reason, status_observed_at`;

/**
 * The SQL of clinics' payment accounts (clinic_payment_accounts, payouts.schema.ts), in the
 * transaction it is handed. Row-level security decides what the acting person reads; status is
 * written only through clinic_payment_account_apply().
 */
@Injectable()
export class ClinicPaymentAccounts {
  async find(manager: EntityManager, clinicId: string): Promise<ClinicPaymentAccountRow | null> {
    const [row] = await manager.query<ClinicPaymentAccountRow[]>(
      `SELECT ${COLUMNS} FROM clinic_payment_accounts WHERE clinic_id = $1`,
      [clinicId],
    );
    return row ?? null;
  }

  /** Answers false when the clinic has an account already (a second click, another admin). */
  async insert(manager: EntityManager, clinicId: string, accountId: string, createdBy: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING clinic_id`,
      [clinicId, accountId, createdBy],
    );
    return rows.length > 0;
  }

  /** Keeps Stripe's answer about the account; answers its clinic, or null when it is none of ours. */
  async apply(manager: EntityManager, status: ConnectedAccountStatus, observedAt: Date): Promise<string | null> {
    const [row] = await manager.query<{ clinic_id: string | null }[]>(
      'SELECT clinic_payment_account_apply($1, $2, $3, $4, $5::text[], $6, $7) AS clinic_id',
      [
        status.id,
        status.chargesEnabled,
        status.payoutsEnabled,
        status.detailsSubmitted,
        status.requirementsDue,
        status.disabledReason,
        observedAt,
      ],
    );
    return row.clinic_id;
  }

  /** The clinic of a connected account, or null when it is none of ours. Anyone may ask. */
  async clinicOf(manager: EntityManager, accountId: string): Promise<string | null> {
    const [row] = await manager.query<{ clinic_id: string | null }[]>(
      'SELECT clinic_of_payment_account($1) AS clinic_id',
      [accountId],
    );
    return row.clinic_id;
  }

  /** The connected account a charge of the clinic pays, or null while it cannot take charges. Anyone may ask. */
  async chargeDestination(manager: EntityManager, clinicId: string): Promise<string | null> {
    const [row] = await manager.query<{ account: string | null }[]>('SELECT clinic_charge_destination($1) AS account', [
      clinicId,
    ]);
    return row.account;
  }

  /** Which of the clinics can take charges now. */
  async takingCharges(manager: EntityManager, clinicIds: string[]): Promise<Set<string>> {
    if (clinicIds.length === 0) return new Set();
    const rows = await manager.query<{ clinic_id: string }[]>(
      'SELECT c.id AS clinic_id FROM unnest($1::uuid[]) AS c(id) WHERE clinic_charge_destination(c.id) IS NOT NULL',
      [[...new Set(clinicIds)]],
    );
    return new Set(rows.map((row) => row.clinic_id));
  }
}
