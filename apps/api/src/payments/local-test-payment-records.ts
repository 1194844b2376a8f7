import type { EntityManager } from 'typeorm';
import type { LocalTestIntentStatus } from './local-test-payment-intent.entity';

export interface LocalIntentRow {
  id: string;
  client_secret: string;
  status: LocalTestIntentStatus;
  amount: number;
  currency: string;
  amount_refunded: number;
  last_failure_code: string | null;
}

export interface LocalRefundRow {
  id: string;
  intent_id: string;
  amount: number;
}

export type NewLocalRefund = LocalRefundRow & { idempotencyKey: string };

export interface NewLocalIntent {
  id: string;
  idempotencyKey: string;
  ownerId: string;
  bookingId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

/** A row by its id, or by the idempotency key it was created with. */
type ById = { id: string } | { idempotencyKey: string };

const INTENT_COLUMNS = 'id, client_secret, status, amount, currency, amount_refunded, last_failure_code';
const REFUND_COLUMNS = 'id, intent_id, amount';

/**
 * SQL of the local test payment mode's state, in the transaction it is given, which acts as the
 * paying owner: row-level security shows and lets change that owner's rows only, and the
 * database adds a refund to its intent's refunded amount (RestrictLocalTestPaymentsToTheirOwner).
 */
export class LocalTestPaymentRecords {
  /** The new intent, or null when its idempotency key was used already. */
  async insertIntent(manager: EntityManager, intent: NewLocalIntent): Promise<LocalIntentRow | null> {
    const { id, idempotencyKey, ownerId, bookingId, clientSecret, amount, currency } = intent;
    const [row] = await manager.query<LocalIntentRow[]>(
      `INSERT INTO local_test_payment_intents
         (id, idempotency_key, owner_id, booking_id, client_secret, amount, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${INTENT_COLUMNS}`,
      [id, idempotencyKey, ownerId, bookingId, clientSecret, amount, currency],
    );
    return row ?? null;
  }

  /** `lock` takes it FOR UPDATE: confirmations, cancellations and refunds of one intent go one at a time. */
  async intent(manager: EntityManager, by: ById, options: { lock?: boolean } = {}): Promise<LocalIntentRow | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['idempotency_key', by.idempotencyKey];
    const lock = options.lock ? ' FOR UPDATE' : '';
    const [row] = await manager.query<LocalIntentRow[]>(
      `SELECT ${INTENT_COLUMNS} FROM local_test_payment_intents WHERE ${column} = $1${lock}`,
      [value],
    );
    return row ?? null;
  }

  async settleIntent(manager: EntityManager, id: string, status: LocalTestIntentStatus, failure: string | null) {
    const [rows] = await manager.query<[LocalIntentRow[], number]>(
      `UPDATE local_test_payment_intents SET status = $2, last_failure_code = $3, updated_at = now()
        WHERE id = $1 RETURNING ${INTENT_COLUMNS}`,
      [id, status, failure],
    );
    return rows[0] as LocalIntentRow;
  }

  /** Adds the refund; the database adds its amount to the intent's refunded amount. */
  async insertRefund(manager: EntityManager, refund: NewLocalRefund): Promise<LocalRefundRow> {
    const [row] = await manager.query<LocalRefundRow[]>(
      `INSERT INTO local_test_refunds (id, idempotency_key, intent_id, amount) VALUES ($1, $2, $3, $4)
       RETURNING ${REFUND_COLUMNS}`,
      [refund.id, refund.idempotencyKey, refund.intent_id, refund.amount],
    );
    return row;
  }

  async refund(manager: EntityManager, by: ById): Promise<LocalRefundRow | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['idempotency_key', by.idempotencyKey];
    const [row] = await manager.query<LocalRefundRow[]>(
      `SELECT ${REFUND_COLUMNS} FROM local_test_refunds WHERE ${column} = $1`,
      [value],
    );
    return row ?? null;
  }
}
