import { randomBytes } from 'node:crypto';
import { ErrorCode, type PaymentModeValue } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { LocalTestPaymentRecords, type LocalIntentRow } from './local-test-payment-records';
import {
  PaymentGateway,
  type CreateIntentParams,
  type CreateRefundParams,
  type GatewayIntent,
  type GatewayRefund,
} from './payment-gateway';

const UNKNOWN_INTENT = 'This test payment is not known (started before test payments were kept): start a new booking.';

/**
 * The local test payment mode: a stand-in for Stripe with no network and no money, so the
 * whole booking flow can be walked without a Stripe account. Ids look like Stripe's with
 * `_local_` in them (pi_local_..., re_local_...). Its state is kept in the database
 * (LocalTestPaymentRecords), as Stripe keeps it, so a restart loses no test payment or refund.
 * Every call acts as the paying owner, under row-level security; a refund asked for inside the
 * owner's transaction (PaymentsService.refund) is made in that transaction, so both commit or
 * neither. The outcomes of a test confirmation, a refund or a cancellation go through the same
 * event processing as a verified Stripe webhook (PaymentsService feeds it local events).
 */
export class LocalTestPaymentGateway extends PaymentGateway {
  readonly mode: PaymentModeValue = 'local_test';

  constructor(
    private readonly db: DatabaseContext,
    private readonly records = new LocalTestPaymentRecords(),
  ) {
    super();
  }

  createIntent(params: CreateIntentParams): Promise<GatewayIntent> {
    return this.asOwner(params.ownerId, async (manager) => {
      const id = localId('pi');
      const created = await this.records.insertIntent(manager, {
        id,
        idempotencyKey: params.idempotencyKey,
        ownerId: params.ownerId,
        bookingId: params.bookingId,
        clientSecret: `${id}_secret_${randomBytes(12).toString('hex')}`,
        amount: params.amount,
        currency: params.currency.toUpperCase(),
      });
      const intent = created ?? (await this.records.intent(manager, { idempotencyKey: params.idempotencyKey }));
      if (!intent) throw new AppError(ErrorCode.PaymentState, 'This booking has another test payment already.');
      return toGatewayIntent(intent);
    });
  }

  retrieveIntent(id: string, ownerId: string): Promise<GatewayIntent> {
    return this.asOwner(ownerId, async (manager) => toGatewayIntent(await this.knownIntent(manager, id)));
  }

  /** Stands in for the browser's card confirmation: a test card that goes through or is declined. */
  confirm(id: string, ownerId: string, outcome: 'succeeded' | 'declined'): Promise<GatewayIntent> {
    return this.asOwner(ownerId, async (manager) => {
      const intent = await this.knownIntent(manager, id, { lock: true });
      if (intent.status !== 'requires_payment_method') {
        throw new AppError(ErrorCode.PaymentState, 'This test payment is already settled.');
      }
      const settled =
        outcome === 'succeeded'
          ? await this.records.settleIntent(manager, id, 'succeeded', null)
          : await this.records.settleIntent(manager, id, 'requires_payment_method', 'card_declined');
      return toGatewayIntent(settled);
    });
  }

  cancelIntent(id: string, _idempotencyKey: string, ownerId: string): Promise<GatewayIntent> {
    return this.asOwner(ownerId, async (manager) => {
      const intent = await this.knownIntent(manager, id, { lock: true });
      if (intent.status !== 'requires_payment_method') throw new AppError(ErrorCode.PaymentState);
      return toGatewayIntent(await this.records.settleIntent(manager, id, 'canceled', intent.last_failure_code));
    });
  }

  createRefund(params: CreateRefundParams): Promise<GatewayRefund> {
    return this.asOwner(params.ownerId, async (manager) => {
      const known = await this.records.refund(manager, { idempotencyKey: params.idempotencyKey });
      if (known) return toGatewayRefund(known);
      const intent = await this.knownIntent(manager, params.intentId, { lock: true });
      const left = intent.amount - intent.amount_refunded;
      if (intent.status !== 'succeeded' || left <= 0) throw new AppError(ErrorCode.PaymentState);
      const amount = params.amount ?? left;
      if (amount > left) {
        throw new AppError(ErrorCode.ValidationFailed, 'The refund is more than what is left of the payment.');
      }
      const refund = { id: localId('re'), idempotencyKey: params.idempotencyKey, intent_id: intent.id, amount };
      return toGatewayRefund(await this.records.insertRefund(manager, refund));
    });
  }

  retrieveRefund(id: string, ownerId: string): Promise<GatewayRefund> {
    return this.asOwner(ownerId, async (manager) => {
      const refund = await this.records.refund(manager, { id });
      if (!refund) throw new AppError(ErrorCode.PaymentState, 'This test refund is not known.');
      return toGatewayRefund(refund);
    });
  }

  /** In the caller's transaction when it acts as the owner already, else in one of its own as the owner. */
  private asOwner<T>(ownerId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.db.scope()?.userId === ownerId) return work(this.db.manager());
    return this.db.run({ userId: ownerId, clinicId: null }, work);
  }

  private async knownIntent(manager: EntityManager, id: string, options = { lock: false }): Promise<LocalIntentRow> {
    const intent = await this.records.intent(manager, { id }, options);
    if (!intent) throw new AppError(ErrorCode.PaymentState, UNKNOWN_INTENT);
    return intent;
  }
}

function toGatewayIntent(row: LocalIntentRow): GatewayIntent {
  return {
    id: row.id,
    clientSecret: row.client_secret,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    lastFailureCode: row.last_failure_code,
    transferId: null,
  };
}

function toGatewayRefund(row: { id: string; intent_id: string; amount: number }): GatewayRefund {
  return { id: row.id, paymentIntentId: row.intent_id, amount: row.amount, status: 'succeeded', failureReason: null };
}

export function localId(prefix: string): string {
  return `${prefix}_local_${randomBytes(12).toString('hex')}`;
}
