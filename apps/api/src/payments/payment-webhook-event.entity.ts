import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Payment } from './payment.entity';

/**
 * Every provider event we received, by its id, so each is processed exactly once under
 * Stripe's retries and replays. Processing has two steps: `applied_at` when the payment and
 * refunds were brought to the provider's current state (in the same transaction, with the
 * outcomes to announce stored in `outcomes`), `processed_at` once every PaymentEvents listener
 * took them. A listener that fails leaves the event applied but unprocessed: the provider's
 * retry announces the stored outcomes again instead of re-deriving them. Only SECURITY DEFINER
 * functions touch this table (see RestrictPaymentsToTheirParticipants).
 */
@Entity({ name: 'payment_webhook_events' })
export class PaymentWebhookEvent {
  /** Stripe's event id (evt_...), or evt_local_... in the local test mode. */
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;

  /** Deliveries that reached processing, the first included (a repeat of a processed event is answered before and not counted). */
  @Column('integer', { default: 1 })
  deliveries!: number;

  /** The payment it concerned, once known. */
  @Index()
  @Column('uuid', { name: 'payment_id', nullable: true })
  paymentId!: string | null;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Column('timestamptz', { name: 'applied_at', nullable: true })
  appliedAt!: Date | null;

  /** The outcomes announced to listeners (ids and codes only). */
  @Column('jsonb', { nullable: true })
  outcomes!: unknown[] | null;

  @Index()
  @Column('timestamptz', { name: 'processed_at', nullable: true })
  processedAt!: Date | null;

  /** What processing did: payment_succeeded, payment_failed, refund_settled, no_change, ignored, unknown_payment, ... */
  @Column('text', { nullable: true })
  outcome!: string | null;
}
