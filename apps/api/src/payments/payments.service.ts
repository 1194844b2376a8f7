import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { chargeAmountProblem, ErrorCode, type BookingPaymentSummary, type PaymentModeValue, type PaymentView, type RefundReasonValue, type RefundView, type StartedPayment } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { ConcurrencyLimit } from '../common/concurrency-limit';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { LocalTestPaymentGateway, localId } from './local-test-payment-gateway';
import { PaymentEventProcessor } from './payment-event-processor';
import { PaymentGateway } from './payment-gateway';
import { findPayment, findRefunds, paymentView, refundView, type PaymentRow } from './payment-records';
import { isPaid, isUnpaid } from './payment-status';
import { ClinicChargeReadiness } from '../payouts/clinic-charge-readiness';

export type PaymentMode = PaymentModeValue;
export type { StartedPayment };

export interface PaymentRequest {
  bookingId: string;
  clinicId: string;
  ownerId: string;
  /** Minor units, from our database (the consultant's price), never from the client. */
  amount: number;
  currency: string;
}

/** Who acts: a signed-in person, or the bare ids a sweep or listener acts for. */
type Acting = Pick<Actor, 'userId' | 'clinicId'>;

/**
 * Payments of bookings, through Stripe or the local test mode (the gateway). Only server-side
 * prices are charged; fulfilment comes from verified webhooks (PaymentEventProcessor), never
 * from what a browser says. Methods that call the provider must not run inside a caller's
 * transaction: they open their own.
 */
@Injectable()
export class PaymentsService {
  readonly mode: PaymentMode;
  /**
   * A refund holds a pooled connection (and its payment's row lock) across the provider call;
   * with Stripe slow, enough refunds at once would hold every connection and stall all requests.
   * So only a quarter of the pool may be held that way; further refunds wait before they open one.
   */
  private readonly refundsHoldingConnections: ConcurrencyLimit;

  constructor(
    private readonly db: DatabaseContext,
    private readonly gateway: PaymentGateway,
    private readonly processor: PaymentEventProcessor,
    private readonly audit: AuditService,
    private readonly readiness: ClinicChargeReadiness,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.mode = gateway.mode;
    this.refundsHoldingConnections = new ConcurrencyLimit(Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 4)));
  }

  /**
   * Creates the PaymentIntent for the booking (idempotency key from the booking id, so a retry
   * gets the same one) and records the payment. Calling it again for an unpaid booking answers
   * the same PaymentIntent.
   */
  async start(actor: Acting, booking: PaymentRequest): Promise<StartedPayment> {
    // Profiles are checked when saved; this catches a price saved under older rules before Stripe refuses it.
    const unchargeable = chargeAmountProblem(booking.amount, booking.currency);
    if (unchargeable) throw new AppError(ErrorCode.ValidationFailed, `The price ${unchargeable}.`);
    if (booking.ownerId !== actor.userId) throw new AppError(ErrorCode.Forbidden, 'Only the owner pays for a booking.');
    const { existing, destination } = await this.db.runAs(actor, async (manager) => ({
      existing: await findPayment(manager, { bookingId: booking.bookingId }),
      // With Stripe the clinic's connected account is paid (a destination charge), less the platform's fee.
      destination: await this.readiness.destination(manager, booking.clinicId, booking.amount),
    }));
    if (existing && !isUnpaid(existing.status)) throw new AppError(ErrorCode.PaymentState, 'This booking is paid for already, or its payment was cancelled.');

    const intent = await this.gateway.createIntent({
      bookingId: booking.bookingId,
      ownerId: booking.ownerId,
      amount: booking.amount,
      currency: booking.currency,
      idempotencyKey: `payment-intent:${booking.bookingId}`,
      destination,
    });
    if (!intent.clientSecret) throw new AppError(ErrorCode.PaymentProviderUnavailable);
    const paymentId = await this.db.runAs(actor, async (manager) => {
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO payments (id, booking_id, clinic_id, owner_id, provider, provider_payment_id, amount, currency,
           destination_account, application_fee_amount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
        [
          randomUUID(), booking.bookingId, booking.clinicId, booking.ownerId, this.mode, intent.id, booking.amount,
          booking.currency, destination?.account ?? null, destination?.applicationFeeAmount ?? null,
        ],
      );
      const id = inserted?.id ?? (await findPayment(manager, { providerPaymentId: intent.id }))?.id;
      // Another PaymentIntent for this booking: only when an idempotency key expired (a day at Stripe).
      if (!id) throw new AppError(ErrorCode.PaymentState, 'This booking has another payment already.');
      if (inserted) await this.audit.record({ action: 'payment.start', entityType: 'payment', entityId: id, outcome: 'success' });
      return id;
    });
    return {
      paymentId,
      mode: this.mode,
      clientSecret: intent.clientSecret,
      publishableKey: this.mode === 'stripe' ? (this.config.STRIPE_PUBLISHABLE_KEY ?? null) : null,
      amount: booking.amount,
      currency: booking.currency,
    };
  }

  /** The payment of the booking as the transaction's actor may see it (its owner, consultant, clinic admins). */
  async forBooking(manager: EntityManager, bookingId: string): Promise<PaymentView | null> {
    const payment = await findPayment(manager, { bookingId });
    return payment ? paymentView(payment, await findRefunds(manager, [payment.id])) : null;
  }

  /** Payment summaries of several bookings at once, for booking lists (those the actor may see). */
  async summaries(manager: EntityManager, bookingIds: string[]): Promise<Map<string, BookingPaymentSummary>> {
    const summaries = new Map<string, BookingPaymentSummary>();
    if (bookingIds.length === 0) return summaries;
    const payments = await manager.query<PaymentRow[]>(
      'SELECT id, booking_id, owner_id, provider, provider_payment_id, amount, currency, status, amount_refunded, last_failure_code, created_at FROM payments WHERE booking_id = ANY($1::uuid[])',
      [bookingIds],
    );
    const refunds = await findRefunds(manager, payments.map((payment) => payment.id));
    for (const payment of payments) {
      summaries.set(payment.booking_id, {
        status: payment.status === 'processing' ? 'requires_payment' : payment.status,
        amount: payment.amount,
        amountRefunded: payment.amount_refunded,
        currency: payment.currency,
        refunds: refunds
          .filter((refund) => refund.payment_id === payment.id)
          .map((refund) => ({ amount: refund.amount, status: refund.status, reason: refund.reason, createdAt: refund.created_at.toISOString() })),
        lastFailureCode: payment.last_failure_code,
      });
    }
    return summaries;
  }

  /**
   * Refunds what is left of the booking's payment (or `options.amount` of it), at most once per
   * reason: asking again answers the first refund. The refund stays pending until a verified
   * webhook settles it. Null when nothing was paid or nothing is left. `actor` null: the platform
   * (a sweep, a listener); otherwise the actor must be able to see the payment.
   */
  async refund(actor: Acting | null, bookingId: string, reason: RefundReasonValue, options: { amount?: number } = {}): Promise<RefundView | null> {
    const ownerId = actor
      ? ((await this.db.runAs(actor, (manager) => findPayment(manager, { bookingId })))?.owner_id ?? null)
      : await this.ownerOfBooking(bookingId);
    if (!ownerId) return null;
    const owner: Acting = { userId: ownerId, clinicId: null };

    // The payment stays locked across the provider call (bounded by the SDK's timeout): webhook
    // processing of this payment waits for the refund row, so an event that arrives while the
    // refund is being created still settles it.
    const recorded = await this.refundsHoldingConnections.run(() => this.db.runAs(owner, async (manager): Promise<{ payment: PaymentRow; view: RefundView; created: string | null } | null> => {
      const payment = await findPayment(manager, { bookingId }, { lock: true });
      if (!payment) return null;
      const refunds = await findRefunds(manager, [payment.id]);
      const earlier = refunds.find((refund) => refund.reason === reason);
      if (earlier) return { payment, view: refundView(earlier, payment.currency), created: null };
      if (!isPaid(payment.status)) return null;
      const pending = refunds.filter((refund) => refund.status === 'pending').reduce((sum, refund) => sum + refund.amount, 0);
      const left = payment.amount - payment.amount_refunded - pending;
      if (left <= 0) return null;
      if (options.amount !== undefined && (!Number.isSafeInteger(options.amount) || options.amount < 1 || options.amount > left)) {
        throw new AppError(ErrorCode.ValidationFailed, `A refund must be between 1 and ${left} (what is left of the payment).`);
      }
      const idempotencyKey = `refund:${bookingId}:${reason}`;
      const intentId = payment.provider_payment_id;
      const destinationCharge = payment.destination_account !== null;
      const asked = { intentId, bookingId, ownerId, reason, amount: options.amount, idempotencyKey, destinationCharge };
      const created = await this.gateway.createRefund(asked).catch((error: unknown) => {
        if (error instanceof AppError && error.code === ErrorCode.PaymentState) return null;
        throw error;
      });
      if (!created) return null;
      const [row] = await manager.query<{ id: string; created_at: Date }[]>(
        `INSERT INTO refunds (id, payment_id, provider_refund_id, amount, reason, requested_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider_refund_id) DO UPDATE SET updated_at = refunds.updated_at RETURNING id, created_at`,
        [randomUUID(), payment.id, created.id, created.amount, reason, actor?.userId ?? null],
      );
      await this.audit.record({ action: 'payment.refund', entityType: 'payment', entityId: payment.id, outcome: 'success', actorUserId: actor?.userId ?? null });
      const view: RefundView = { id: row.id, amount: created.amount, currency: payment.currency, reason, status: 'pending', createdAt: row.created_at.toISOString(), settledAt: null };
      return { payment, view, created: created.id };
    }));
    if (!recorded) return null;
    if (this.mode === 'local_test' && recorded.created) {
      await this.processor.process(localEvent('refund.updated', { id: recorded.created, object: 'refund', payment_intent: recorded.payment.provider_payment_id }));
      const settled = await this.db.runAs(owner, (manager) => this.forBooking(manager, bookingId));
      return settled?.refunds.find((refund) => refund.id === recorded.view.id) ?? recorded.view;
    }
    return recorded.view;
  }

  /** Cancels the PaymentIntent of a lapsed or abandoned hold; nothing when it is paid or cancelled already (a late payment is then refunded by its listener). */
  async cancelUnpaid(bookingId: string): Promise<void> {
    const ownerId = await this.ownerOfBooking(bookingId);
    if (!ownerId) return;
    const payment = await this.db.runAs({ userId: ownerId, clinicId: null }, (manager) => findPayment(manager, { bookingId }));
    if (!payment || !isUnpaid(payment.status)) return;
    const intentId = payment.provider_payment_id;
    const cancelled = await this.gateway.cancelIntent(intentId, `cancel:${bookingId}`, ownerId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === ErrorCode.PaymentState) return null;
      throw error;
    });
    // Stripe tells by webhook (payment_intent.canceled); the local test mode has to say it itself.
    if (cancelled && this.mode === 'local_test') await this.processor.process(localEvent('payment_intent.canceled', { id: payment.provider_payment_id, object: 'payment_intent' }));
  }

  /**
   * Local test payment mode only: stands in for the browser's card confirmation. The outcome
   * (payment_succeeded or payment_failed) goes through the same processing as a verified
   * webhook, listeners included, before this returns.
   */
  async confirmTestPayment(actor: Acting, bookingId: string, outcome: 'succeeded' | 'declined'): Promise<void> {
    if (!(this.gateway instanceof LocalTestPaymentGateway)) throw new AppError(ErrorCode.PaymentMode, 'Test payments exist only in the local test payment mode; with Stripe the browser confirms the card.');
    const payment = await this.db.runAs(actor, (manager) => findPayment(manager, { bookingId }));
    if (!payment || payment.owner_id !== actor.userId) throw new AppError(ErrorCode.NotFound, 'No payment for this booking.');
    if (!isUnpaid(payment.status)) throw new AppError(ErrorCode.PaymentState, 'This booking is paid for already, or its payment was cancelled.');
    await this.gateway.confirm(payment.provider_payment_id, actor.userId, outcome);
    await this.audit.recordIndependently({ action: 'payment.test_confirm', entityType: 'payment', entityId: payment.id, outcome: 'success', actorUserId: actor.userId });
    const type = outcome === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
    await this.processor.process(localEvent(type, { id: payment.provider_payment_id, object: 'payment_intent' }));
  }

  private async ownerOfBooking(bookingId: string): Promise<string | null> {
    const [row] = await this.db.run(NOBODY, (manager) => manager.query<{ owner_id: string | null }[]>('SELECT payment_owner_by_booking($1) AS owner_id', [bookingId]));
    return row.owner_id;
  }
}

function localEvent(type: string, object: Record<string, unknown>) {
  return { id: localId('evt'), type, object };
}
