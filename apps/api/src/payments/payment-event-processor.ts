import { Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { MetricsService } from '../metrics/metrics.service';
import { PaymentEvents, type PaymentOutcome } from './payment-events';
import { PaymentGateway, type GatewayIntent, type GatewayRefund } from './payment-gateway';
import { findPayment, findRefunds, type PaymentRow } from './payment-records';
import { intentState, isPaid, isUnpaid, nextPaymentStatus, nextRefundStatus, refundState } from './payment-status';

/** An event whose origin is settled: signature-verified from Stripe, or made by the local test mode. */
export interface TrustedPaymentEvent {
  id: string;
  type: string;
  /**
   * The event's object (PaymentIntent, charge or refund). It only says which payment the event is
   * about, and for a charge how much was refunded in all (a total that only grows); the state we
   * act on is retrieved from the provider, so a late or repeated event cannot undo a newer one.
   */
  object: Record<string, unknown>;
}

export const HANDLED_EVENT_TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled', 'charge.refunded', 'refund.updated'] as const;
const HANDLED = new Set<string>(HANDLED_EVENT_TYPES);

interface Applied {
  outcome: string;
  outcomes: PaymentOutcome[];
}

/**
 * Brings a payment and its refunds to the provider's current state for one event, exactly once
 * per event id, and announces what changed to PaymentEvents. See PaymentWebhookEvent for the two
 * steps (applied, processed) that let a failed listener be retried without re-deriving outcomes.
 *
 * Nobody is signed in for a webhook: the work runs as the payment's owner (row-level security
 * stays on); only finding that owner and the bookkeeping of event ids go through SECURITY
 * DEFINER functions, which reveal ids and nothing else.
 */
@Injectable()
export class PaymentEventProcessor {
  private readonly logger = new Logger(PaymentEventProcessor.name);
  private readonly counter: Counter<'type' | 'outcome'>;

  constructor(
    private readonly db: DatabaseContext,
    private readonly gateway: PaymentGateway,
    private readonly events: PaymentEvents,
    metrics: MetricsService,
  ) {
    this.counter = new Counter({
      name: 'vetmeet_payment_webhook_events_total',
      help: 'Payment provider events by type and what processing them did (payment_succeeded, no_change, duplicate, ignored, rejected, failed, ...).',
      labelNames: ['type', 'outcome'] as const,
      registers: [metrics.registry],
    });
  }

  /** Resolves with what processing did; rejects (and leaves the event unprocessed, for the provider to deliver again) when it could not finish. */
  async process(event: TrustedPaymentEvent): Promise<string> {
    const type = HANDLED.has(event.type) ? event.type : 'other';
    try {
      const outcome = await this.handle(event);
      this.counter.inc({ type, outcome: outcome.split(',')[0] });
      this.logger.log({ eventId: event.id, type: event.type, outcome }, 'payment event processed');
      return outcome;
    } catch (error) {
      this.counter.inc({ type, outcome: 'failed' });
      throw error;
    }
  }

  /**
   * Records a signed event we can never process as processed with `outcome` (a repeat of it is a
   * duplicate); one without a usable id cannot be recorded. Answers the outcome.
   */
  async reject(eventId: string | null, type: string | null, outcome: string): Promise<string> {
    const answer = eventId ? await this.close({ id: eventId, type: type ?? 'unknown' }, outcome) : outcome;
    const label = type && HANDLED.has(type) ? type : 'other';
    this.counter.inc({ type: label, outcome: answer === 'duplicate' ? answer : 'rejected' });
    return answer;
  }

  private async handle(event: TrustedPaymentEvent): Promise<string> {
    if (!HANDLED.has(event.type)) return this.close(event, 'ignored');
    if (await this.isProcessed(event.id)) return 'duplicate';
    const intentId = intentIdOf(event);
    const ownerId = intentId ? await this.ownerOfIntent(intentId) : null;
    if (!intentId || !ownerId) return this.close(event, 'unknown_payment');
    const owner = { userId: ownerId, clinicId: null };

    // A refund being requested holds the payment's lock across its provider call: waiting for it
    // here means its refund row is seen, and settled by this event if the event is about it.
    const known = await this.db.runAs(owner, async (manager) => {
      const payment = await findPayment(manager, { providerPaymentId: intentId }, { lock: true });
      return payment ? findRefunds(manager, [payment.id]) : null;
    });
    if (!known) return this.close(event, 'unknown_payment');

    const intent = await this.gateway.retrieveIntent(intentId, ownerId);
    const unsettled = known.filter((refund) => refund.status !== 'failed');
    const refunds = await Promise.all(unsettled.map(({ provider_refund_id: id }) => this.gateway.retrieveRefund(id, ownerId)));

    const applied = await this.db.runAs(owner, async (manager): Promise<Applied | null> => {
      const [claim] = await manager.query<{ applied: boolean; processed: boolean; outcome: string | null; outcomes: PaymentOutcome[] | null }[]>(
        'SELECT * FROM payment_webhook_event_claim($1, $2)',
        [event.id, event.type],
      );
      if (claim.processed) return null;
      // Applied before, but a listener failed: announce the same outcomes again.
      if (claim.applied) return { outcome: claim.outcome ?? 'no_change', outcomes: claim.outcomes ?? [] };
      const payment = await findPayment(manager, { providerPaymentId: intentId }, { lock: true });
      if (!payment) throw new Error(`payment of ${intentId} vanished`);
      const result = await this.apply(manager, event, payment, intent, refunds);
      await manager.query('SELECT payment_webhook_event_applied($1, $2, $3, $4::jsonb)', [event.id, payment.id, result.outcome, JSON.stringify(result.outcomes)]);
      return result;
    });
    if (!applied) return 'duplicate';
    for (const outcome of applied.outcomes) await this.events.publish(outcome);
    await this.db.run(NOBODY, (manager) => manager.query('SELECT payment_webhook_event_processed($1)', [event.id]));
    return applied.outcome;
  }

  private async apply(manager: EntityManager, event: TrustedPaymentEvent, payment: PaymentRow, intent: GatewayIntent, observedRefunds: GatewayRefund[]): Promise<Applied> {
    const party = { bookingId: payment.booking_id, paymentId: payment.id, ownerId: payment.owner_id };
    const refundOutcomes: PaymentOutcome[] = [];
    const refunds = await findRefunds(manager, [payment.id]);
    for (const observed of observedRefunds) {
      const refund = refunds.find((row) => row.provider_refund_id === observed.id);
      if (!refund) continue;
      const next = nextRefundStatus(refund.status, refundState(observed.status));
      if (next === refund.status) continue;
      await manager.query(
        'UPDATE refunds SET status = $2, failure_reason = $3, settled_at = now(), settled_event_id = $4, updated_at = now() WHERE id = $1',
        [refund.id, next, observed.failureReason, event.id],
      );
      refund.status = next;
      if (next !== 'pending') {
        refundOutcomes.push({ kind: 'refund_settled', ...party, refundId: refund.id, status: next, amount: refund.amount });
      }
    }

    // Refunded totals only grow: ours that succeeded, or the charge's total (refunds made elsewhere, e.g. the dashboard).
    const refundedByUs = refunds.filter((refund) => refund.status === 'succeeded').reduce((sum, refund) => sum + refund.amount, 0);
    const chargeTotal = event.type === 'charge.refunded' && typeof event.object.amount_refunded === 'number' ? event.object.amount_refunded : 0;
    const amountRefunded = Math.min(payment.amount, Math.max(payment.amount_refunded, refundedByUs, chargeTotal));

    const matches = intent.amount === payment.amount && intent.currency === payment.currency;
    if (!matches) this.logger.error({ eventId: event.id, paymentId: payment.id }, 'the PaymentIntent does not charge what we priced: not fulfilling it');
    const status = nextPaymentStatus(payment.status, matches ? intentState(intent.status) : null, payment.amount, amountRefunded);
    const failureCode = event.type === 'payment_intent.payment_failed' && isUnpaid(status) ? (intent.lastFailureCode ?? 'payment_failed') : null;

    const outcomes: PaymentOutcome[] = [];
    if (isUnpaid(payment.status) && isPaid(status)) outcomes.push({ kind: 'payment_succeeded', ...party });
    if (failureCode) outcomes.push({ kind: 'payment_failed', ...party, code: failureCode });
    outcomes.push(...refundOutcomes);

    // The transfer to the clinic's account comes with the charge of a destination charge.
    const transferId = payment.transfer_id === null && matches ? intent.transferId : null;
    const changed =
      status !== payment.status || amountRefunded !== payment.amount_refunded || failureCode !== null || transferId !== null;
    if (changed) {
      await manager.query(
        `UPDATE payments SET status = $2, amount_refunded = $3, last_failure_code = COALESCE($4, last_failure_code),
           transfer_id = COALESCE(transfer_id, $5), updated_at = now() WHERE id = $1`,
        [payment.id, status, amountRefunded, failureCode, transferId],
      );
    }
    const outcome = outcomes.map((each) => each.kind).join(',') || (status !== payment.status ? `status_${status}` : changed ? 'amounts_updated' : 'no_change');
    return { outcome, outcomes };
  }

  private async isProcessed(eventId: string): Promise<boolean> {
    const [row] = await this.db.run(NOBODY, (manager) => manager.query<{ processed: boolean }[]>('SELECT payment_webhook_event_is_processed($1) AS processed', [eventId]));
    return row.processed;
  }

  private async ownerOfIntent(intentId: string): Promise<string | null> {
    const [row] = await this.db.run(NOBODY, (manager) => manager.query<{ owner_id: string | null }[]>('SELECT payment_owner_by_intent($1) AS owner_id', [intentId]));
    return row.owner_id;
  }

  /** Records an event there is nothing to do for, as processed at once; a repeat of it is a duplicate. */
  private async close(event: Pick<TrustedPaymentEvent, 'id' | 'type'>, outcome: string): Promise<string> {
    const [row] = await this.db.run(NOBODY, (manager) =>
      manager.query<{ first: boolean }[]>('SELECT payment_webhook_event_close($1, $2, $3) AS first', [event.id, event.type, outcome]),
    );
    return row.first ? outcome : 'duplicate';
  }
}

/** The PaymentIntent an event is about. */
function intentIdOf(event: TrustedPaymentEvent): string | null {
  const object = event.object;
  const id = event.type.startsWith('payment_intent.') ? object.id : object.payment_intent;
  if (typeof id === 'string') return id;
  if (typeof id === 'object' && id !== null && typeof (id as { id?: unknown }).id === 'string') return (id as { id: string }).id;
  return null;
}
