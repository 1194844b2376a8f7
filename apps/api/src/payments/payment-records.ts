import type { PaymentModeValue, PaymentStatusValue, PaymentView, RefundReasonValue, RefundStatusValue, RefundView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';

export interface PaymentRow {
  id: string;
  booking_id: string;
  owner_id: string;
  provider: PaymentModeValue;
  provider_payment_id: string;
  amount: number;
  currency: string;
  status: PaymentStatusValue;
  amount_refunded: number;
  last_failure_code: string | null;
  created_at: Date;
  /** The clinic's connected account of a destination charge; null in the local test mode. */
  destination_account: string | null;
  application_fee_amount: number | null;
  transfer_id: string | null;
}

export interface RefundRow {
  id: string;
  payment_id: string;
  provider_refund_id: string;
  amount: number;
  reason: RefundReasonValue;
  status: RefundStatusValue;
  created_at: Date;
  settled_at: Date | null;
}

const PAYMENT_COLUMNS =
  'id, booking_id, owner_id, provider, provider_payment_id, amount, currency, status, amount_refunded, ' +
  'last_failure_code, created_at, destination_account, application_fee_amount, transfer_id';
const REFUND_COLUMNS = 'id, payment_id, provider_refund_id, amount, reason, status, created_at, settled_at';

/**
 * The payment of a booking as the transaction's actor may see it (row-level security decides).
 * `lock` takes it FOR UPDATE: refunds and webhook processing of one payment then happen one at a time.
 */
export async function findPayment(manager: EntityManager, by: { bookingId: string } | { providerPaymentId: string }, options: { lock?: boolean } = {}): Promise<PaymentRow | null> {
  const [column, value] = 'bookingId' in by ? ['booking_id', by.bookingId] : ['provider_payment_id', by.providerPaymentId];
  const [row] = await manager.query<PaymentRow[]>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ${column} = $1${options.lock ? ' FOR UPDATE' : ''}`, [value]);
  return row ?? null;
}

export function findRefunds(manager: EntityManager, paymentIds: string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return manager.query<RefundRow[]>(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE payment_id = ANY($1::uuid[]) ORDER BY created_at, id`, [paymentIds]);
}

export function refundView(refund: RefundRow, currency: string): RefundView {
  return {
    id: refund.id,
    amount: refund.amount,
    currency,
    reason: refund.reason,
    status: refund.status,
    createdAt: refund.created_at.toISOString(),
    settledAt: refund.settled_at?.toISOString() ?? null,
  };
}

export function paymentView(payment: PaymentRow, refunds: RefundRow[]): PaymentView {
  return {
    id: payment.id,
    bookingId: payment.booking_id,
    mode: payment.provider,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    amountRefunded: payment.amount_refunded,
    lastFailureCode: payment.last_failure_code,
    createdAt: payment.created_at.toISOString(),
    refunds: refunds.filter((refund) => refund.payment_id === payment.id).map((refund) => refundView(refund, payment.currency)),
  };
}
