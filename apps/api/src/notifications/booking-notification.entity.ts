import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Booking } from '../bookings/booking.entity';
import { Clinic } from '../clinics/clinic.entity';

/** What happened to a booking, each an email to one participant; or a reminder before its start. */
export enum BookingNotificationKind {
  Requested = 'booking_requested',
  Confirmed = 'booking_confirmed',
  Declined = 'booking_declined',
  Cancelled = 'booking_cancelled',
  Rescheduled = 'booking_rescheduled',
  RefundIssued = 'refund_issued',
  Reminder = 'reminder',
  /** The owner's notice that a suspended clinic cannot hold the booking: refunded in full. */
  ClinicSuspended = 'clinic_suspended',
}

export enum BookingRecipientRole {
  Owner = 'owner',
  Consultant = 'consultant',
}

/**
 * The booking emails' transactional outbox: a row is written in the same transaction as the
 * booking change it tells of, so an email goes out only if the change committed, and the
 * schedule (reminders included) lives in the database, not in a process's timers. The
 * sender claims due rows through SECURITY DEFINER functions (see
 * RestrictBookingNotificationsToTheirBookings); nobody reads them otherwise.
 *
 * The unique key makes a duplicate impossible: a notice written twice in one transaction,
 * or a reminder planned twice for the same time, is one row, hence one email.
 */
@Entity({ name: 'booking_notifications' })
@Unique('booking_notifications_once', ['bookingId', 'recipientId', 'kind', 'dueAt'])
@Index('booking_notifications_pending', ['nextAttemptAt'], { where: '"sent_at" IS NULL AND "skipped_at" IS NULL AND "gave_up_at" IS NULL' })
@Index(['recipientId'])
@Check('booking_notifications_reminder_offset', `("kind" = 'reminder') = ("reminder_minutes" IS NOT NULL)`)
@Check('booking_notifications_ends_after_start', '"ends_at" > "starts_at"')
@Check('booking_notifications_attempts', '"attempts" >= 0')
export class BookingNotification {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'booking_id' })
  bookingId!: string;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id' })
  booking?: Booking;

  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'recipient_id' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: User;

  @Column({ type: 'enum', enum: BookingRecipientRole, enumName: 'booking_recipient_role', name: 'recipient_role' })
  recipientRole!: BookingRecipientRole;

  @Column({ type: 'enum', enum: BookingNotificationKind, enumName: 'booking_notification_kind' })
  kind!: BookingNotificationKind;

  /** A notice: when it was written. A reminder: its booking's start less the offset. */
  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  /** Reminders only: how long before the start (BOOKING_REMINDER_MINUTES). */
  @Column('integer', { name: 'reminder_minutes', nullable: true })
  reminderMinutes!: number | null;

  /** The booking's time as it was when this row was written: what the email says, and how a reminder knows the start moved. */
  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;

  /** A reschedule: the time it replaced. */
  @Column('timestamptz', { name: 'previous_starts_at', nullable: true })
  previousStartsAt!: Date | null;

  @Column('timestamptz', { name: 'previous_ends_at', nullable: true })
  previousEndsAt!: Date | null;

  /** A decline, cancellation or refund: what is (to be) refunded, in minor units; null when nothing is. */
  @Column('integer', { name: 'refund_amount', nullable: true })
  refundAmount!: number | null;

  @Column('char', { name: 'refund_currency', length: 3, nullable: true })
  refundCurrency!: string | null;

  /** The calendar file's SEQUENCE, for notices that carry one: a later change of the same booking has a higher one. */
  @Column('integer', { name: 'ical_sequence', nullable: true })
  icalSequence!: number | null;

  /** Tries so far (each claim counts one). */
  @Column('integer', { default: 0 })
  attempts!: number;

  /** Not before: the due time, then a retry's backoff, or the lease of the sender working on it. */
  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  /** A reminder that no longer applies (the booking was cancelled or moved): marked, not sent. */
  @Column('timestamptz', { name: 'skipped_at', nullable: true })
  skippedAt!: Date | null;

  @Column('timestamptz', { name: 'gave_up_at', nullable: true })
  gaveUpAt!: Date | null;

  /** A code only (SMTP reply, nodemailer code, or why a reminder was skipped), never server text: it may quote addresses. */
  @Column('text', { name: 'last_error_code', nullable: true })
  lastErrorCode!: string | null;

  /** The Message-ID SMTP accepted; the same for every try of this row. */
  @Column('text', { name: 'message_id', nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
