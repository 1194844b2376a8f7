import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Clinic } from '../clinics/clinic.entity';
import { Consultation } from '../consultations/consultation.entity';
import { Pet } from '../pets/pet.entity';

export enum BookingStatus {
  /** The owner is paying: the slot is theirs until hold_expires_at, then the hold lapses. */
  Held = 'held',
  /** Paid (or free); the consultant has yet to accept. */
  PendingAcceptance = 'pending_acceptance',
  Confirmed = 'confirmed',
  Declined = 'declined',
  Cancelled = 'cancelled',
  /** A hold that lapsed before the owner finished. */
  Expired = 'expired',
  NoShow = 'no_show',
}

/** Which side of a booking did something (cancelled it). */
export enum BookingParty {
  Owner = 'owner',
  Consultant = 'consultant',
}

/** The statuses that occupy the consultant's time; every other status frees it. */
export const BLOCKING_BOOKING_STATUSES = [BookingStatus.Held, BookingStatus.PendingAcceptance, BookingStatus.Confirmed] as const;

/**
 * One owner's claim on a consultant's time, from the hold while they pay to the outcome.
 * blocked_from / blocked_until are the consultation's time widened by the consultant's
 * buffers: the database refuses two blocking bookings of one consultant whose blocked times
 * overlap (bookings_no_overlap, an exclusion constraint over btree_gist), so no race between
 * two requests can double-book. A held booking whose hold lapsed still counts until it is
 * marked expired: the insert path expires a consultant's lapsed holds first, in its own
 * transaction (bookings_expire_lapsed_holds).
 */
@Entity({ name: 'bookings' })
@Check('bookings_ends_after_start', '"ends_at" > "starts_at"')
@Check('bookings_blocked_covers_booking', '"blocked_from" <= "starts_at" AND "blocked_until" >= "ends_at"')
@Check('bookings_owner_is_not_consultant', '"owner_id" <> "consultant_id"')
@Check('bookings_held_until', `"status" <> 'held' OR "hold_expires_at" IS NOT NULL`)
@Check('bookings_price_amount', '"price_amount" >= 0')
@Check('bookings_price_currency', `"price_currency" ~ '^[A-Z]{3}$'`)
@Check('bookings_cancellation_recorded', `"status" <> 'cancelled' OR ("cancelled_by" IS NOT NULL AND "cancelled_at" IS NOT NULL)`)
@Check('bookings_refund_within_price', '"refund_amount" IS NULL OR ("refund_amount" >= 0 AND "refund_amount" <= "price_amount")')
@Exclusion(
  'bookings_no_overlap',
  `USING gist ("consultant_id" WITH =, tstzrange("blocked_from", "blocked_until") WITH &&) WHERE ("status" IN ('held', 'pending_acceptance', 'confirmed'))`,
)
@Index(['ownerId', 'startsAt'])
@Index('bookings_consultant_starts_at', ['consultantId', 'startsAt'])
@Index(['clinicId', 'startsAt'])
@Index(['status', 'holdExpiresAt'])
export class Booking {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'consultant_id' })
  consultantId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultant_id' })
  consultant?: User;

  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Index()
  @Column('uuid', { name: 'pet_id' })
  petId!: string;

  @ManyToOne(() => Pet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pet_id' })
  pet?: Pet;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;

  /** starts_at less the consultant's buffer before. */
  @Column('timestamptz', { name: 'blocked_from' })
  blockedFrom!: Date;

  /** ends_at plus the consultant's buffer after. */
  @Column('timestamptz', { name: 'blocked_until' })
  blockedUntil!: Date;

  @Column({ type: 'enum', enum: BookingStatus, enumName: 'booking_status', default: BookingStatus.Held })
  status!: BookingStatus;

  /** Set while held: after it, the hold no longer blocks the slot. */
  @Column('timestamptz', { name: 'hold_expires_at', nullable: true })
  holdExpiresAt!: Date | null;

  /**
   * When it first became a request to the consultant (paid, or free, and handed over); null
   * while held, and for a hold that lapsed or was given up. The consultant sees the booking
   * from then on. Set by the database (bookings_mark_requested), never by the app.
   */
  @Column('timestamptz', { name: 'requested_at', nullable: true })
  requestedAt!: Date | null;

  /** The consultation this booking became, once confirmed. */
  @Index()
  @Column('uuid', { name: 'consultation_id', nullable: true })
  consultationId!: string | null;

  @ManyToOne(() => Consultation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Consultation;

  /** In the currency's minor units (cents); 0 for a free consultation. */
  @Column('integer', { name: 'price_amount' })
  priceAmount!: number;

  /** ISO 4217, upper case. */
  @Column('char', { name: 'price_currency', length: 3 })
  priceCurrency!: string;

  /** What the owner tells the consultant; shown to the two of them, never in an email. */
  @Column('text')
  reason!: string;

  /** Image attachments of the pet the owner shares with the consultant for this booking. */
  @Column('uuid', { name: 'photo_attachment_ids', array: true, default: () => "'{}'" })
  photoAttachmentIds!: string[];

  @Column({ type: 'enum', enum: BookingParty, enumName: 'booking_party', name: 'cancelled_by', nullable: true })
  cancelledBy!: BookingParty | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  /** What the refund policy granted when it was declined or cancelled (minor units); null while nothing was decided. */
  @Column('integer', { name: 'refund_amount', nullable: true })
  refundAmount!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
