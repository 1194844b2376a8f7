import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Check, UpdateDateColumn } from 'typeorm';
import { REFUND_REASONS, REFUND_STATUSES, type RefundReasonValue, type RefundStatusValue } from '@vetmeet/contracts';
import { User } from '../accounts/user.entity';
import { Payment } from './payment.entity';
import { PaymentWebhookEvent } from './payment-webhook-event.entity';

/**
 * Money given back on a payment, at most once per reason (declined, cancelled, ...). Pending
 * from the moment the provider accepted the request until a verified webhook settles it;
 * settled_event_id names that webhook event. Kept as long as its payment.
 */
@Entity({ name: 'refunds' })
@Check('refunds_amount_positive', '"amount" > 0')
@Index(['paymentId', 'reason'], { unique: true })
export class Refund {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId!: string;

  @ManyToOne(() => Payment, (payment) => payment.refunds, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  /** re_... at Stripe, re_local_... in the local test mode. */
  @Index({ unique: true })
  @Column('text', { name: 'provider_refund_id' })
  providerRefundId!: string;

  /** In the payment's currency's minor units. */
  @Column('integer')
  amount!: number;

  @Column({ type: 'enum', enum: REFUND_REASONS, enumName: 'refund_reason' })
  reason!: RefundReasonValue;

  @Column({ type: 'enum', enum: REFUND_STATUSES, enumName: 'refund_status', default: 'pending' })
  status!: RefundStatusValue;

  /** Who asked for it; null when the platform did (a lost slot, a sweep). */
  @Index()
  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by' })
  requester?: User;

  /** Stripe's failure_reason when the refund failed. */
  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason!: string | null;

  /** When a verified webhook settled it (succeeded or failed). */
  @Column('timestamptz', { name: 'settled_at', nullable: true })
  settledAt!: Date | null;

  /** The webhook event that settled it: the refund's webhook outcome. */
  @Index()
  @Column('text', { name: 'settled_event_id', nullable: true })
  settledEventId!: string | null;

  @ManyToOne(() => PaymentWebhookEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'settled_event_id' })
  settledEvent?: PaymentWebhookEvent;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
