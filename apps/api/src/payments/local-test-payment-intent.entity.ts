import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../accounts/user.entity';
import { Booking } from '../bookings/booking.entity';

export const LOCAL_TEST_INTENT_STATUSES = ['requires_payment_method', 'succeeded', 'canceled'] as const;
export type LocalTestIntentStatus = (typeof LOCAL_TEST_INTENT_STATUSES)[number];

/**
 * A PaymentIntent of the local test payment mode (no STRIPE_SECRET_KEY, never in production):
 * what Stripe would keep, kept here so a restart loses no test payment. Only its owner sees or
 * changes it (row-level security); its amount is the booking's price, and amount_refunded grows
 * only with its refunds (see CreateLocalTestPayments).
 */
@Entity({ name: 'local_test_payment_intents' })
@Check('local_test_payment_intents_amount_positive', '"amount" > 0')
@Check('local_test_payment_intents_amount_refunded', '"amount_refunded" >= 0 AND "amount_refunded" <= "amount"')
@Check('local_test_payment_intents_status', `"status" IN ('requires_payment_method', 'succeeded', 'canceled')`)
export class LocalTestPaymentIntent {
  /** pi_local_... */
  @PrimaryColumn('text')
  id!: string;

  /** As Stripe's: a second create with the same key answers the first intent. */
  @Index({ unique: true })
  @Column('text', { name: 'idempotency_key' })
  idempotencyKey!: string;

  @Index()
  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Index()
  @Column('uuid', { name: 'booking_id' })
  bookingId!: string;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id' })
  booking?: Booking;

  @Column('text', { name: 'client_secret' })
  clientSecret!: string;

  @Column('text', { default: 'requires_payment_method' })
  status!: LocalTestIntentStatus;

  /** Minor units of currency, as the booking's price. */
  @Column('integer')
  amount!: number;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('integer', { name: 'amount_refunded', default: 0 })
  amountRefunded!: number;

  /** card_declined after a declined test card. */
  @Column('text', { name: 'last_failure_code', nullable: true })
  lastFailureCode!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
