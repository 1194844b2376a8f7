import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PAYMENT_STATUSES, type PaymentModeValue, type PaymentStatusValue } from '@vetmeet/contracts';
import { User } from '../accounts/user.entity';
import { Booking } from '../bookings/booking.entity';
import { Clinic } from '../clinics/clinic.entity';
import type { Refund } from './refund.entity';

/**
 * What an owner paid (or is paying) for one booking, through one PaymentIntent at the provider.
 * No card data: the card goes from the browser to Stripe, we keep the PaymentIntent's id, amount
 * and outcome. Kept for 7 years (retain_until, set by the database, not the app): the runtime
 * role may neither delete a payment nor change when it may be deleted, and a trigger refuses any
 * deletion before retain_until (see RestrictPaymentsToTheirParticipants).
 */
@Entity({ name: 'payments' })
@Check('payments_amount_positive', '"amount" > 0')
@Check('payments_currency', `"currency" ~ '^[A-Z]{3}$'`)
@Check('payments_amount_refunded', '"amount_refunded" >= 0 AND "amount_refunded" <= "amount"')
@Index(['clinicId', 'createdAt'])
@Index(['ownerId', 'createdAt'])
export class Payment {
  @PrimaryColumn('uuid')
  id!: string;

  /** One payment per booking: the PaymentIntent's idempotency key is derived from the booking. */
  @Index({ unique: true })
  @Column('uuid', { name: 'booking_id' })
  bookingId!: string;

  @ManyToOne(() => Booking, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking?: Booking;

  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  /** The owner who pays; webhooks about this payment act as them. */
  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'enum', enum: ['stripe', 'local_test'], enumName: 'payment_provider' })
  provider!: PaymentModeValue;

  /** The PaymentIntent id (pi_... at Stripe, pi_local_... in the local test mode). */
  @Index({ unique: true })
  @Column('text', { name: 'provider_payment_id' })
  providerPaymentId!: string;

  /** In the currency's minor units (cents), as our database priced the booking. */
  @Column('integer')
  amount!: number;

  /** ISO 4217, upper case. */
  @Column('char', { length: 3 })
  currency!: string;

  @Column({ type: 'enum', enum: PAYMENT_STATUSES, enumName: 'payment_status', default: 'requires_payment' })
  status!: PaymentStatusValue;

  /** What refunds took back, in minor units; only grows. */
  @Column('integer', { name: 'amount_refunded', default: 0 })
  amountRefunded!: number;

  /** Stripe's code for the last failed attempt (card_declined, ...); never a card detail. */
  @Column('text', { name: 'last_failure_code', nullable: true })
  lastFailureCode!: string | null;

  /** The clinic's connected Stripe account the charge pays (a destination charge); null in the local test mode. */
  @Column('text', { name: 'destination_account', nullable: true })
  destinationAccount!: string | null;

  /** The platform's fee held back from the clinic in minor units (PLATFORM_FEE_PERCENT); null in the local test mode. */
  @Column('integer', { name: 'application_fee_amount', nullable: true })
  applicationFeeAmount!: number | null;

  /** The transfer to the clinic's account that Stripe made with the charge (tr_...), once the payment succeeded. */
  @Column('text', { name: 'transfer_id', nullable: true })
  transferId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * Seven years after creation; set by the database default only (the app role has no grant on it).
   * Written as TypeORM reads PostgreSQL's stored default back (casts dropped): '7 years' is an interval.
   */
  @Column('timestamptz', { name: 'retain_until', default: () => "(now() + '7 years')" })
  retainUntil!: Date;

  @OneToMany('Refund', (refund: Refund) => refund.payment)
  refunds?: Refund[];
}
