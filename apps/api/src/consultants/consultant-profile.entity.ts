import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import type { DateOverride, WeeklyRule } from '../availability/availability-rules';
import { Clinic } from '../clinics/clinic.entity';

/** One consultation length and its price, in minor units of the profile's currency. */
export interface StoredOffering {
  durationMinutes: number;
  priceAmount: number;
}

/**
 * A consultant's public face and the rules of their calendar: one per consultant account,
 * in the clinic they consult for. Weekly rules and date overrides are stored as the
 * consultant wrote them (jsonb, checked by the slot engine's validateSlotQuery before they
 * are saved), so they read back exactly; they are wall-clock values in time_zone.
 * Time off is in consultant_time_off, in UTC.
 */
@Entity({ name: 'consultant_profiles' })
@Check('consultant_profiles_buffers', '"buffer_before_minutes" >= 0 AND "buffer_after_minutes" >= 0')
@Check('consultant_profiles_notice', '"minimum_notice_minutes" >= 0')
@Check('consultant_profiles_horizon', '"horizon_days" >= 1')
@Check('consultant_profiles_daily_limit', '"daily_limit" IS NULL OR "daily_limit" >= 1')
@Check('consultant_profiles_step', '"step_minutes" IS NULL OR "step_minutes" >= 5')
@Check('consultant_profiles_price_currency', `"price_currency" ~ '^[A-Z]{3}$'`)
@Check(
  'consultant_profiles_photo_whole',
  '("photo_id" IS NULL AND "photo_content_type" IS NULL AND "photo_wrapped_key" IS NULL AND "photo_master_key_id" IS NULL) OR ("photo_id" IS NOT NULL AND "photo_content_type" IS NOT NULL AND "photo_wrapped_key" IS NOT NULL AND "photo_master_key_id" IS NOT NULL)',
)
@Index(['published', 'displayName', 'consultantId'])
export class ConsultantProfile {
  /** The consultant's account id: one profile per consultant. */
  @PrimaryColumn('uuid', { name: 'consultant_id' })
  consultantId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultant_id' })
  consultant?: User;

  @Index()
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('varchar', { name: 'display_name', length: 80 })
  displayName!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  specialties!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  species!: string[];

  /** BCP 47 tags. */
  @Column('text', { array: true, default: () => "'{}'" })
  languages!: string[];

  @Column('text', { default: '' })
  bio!: string;

  /** IANA zone of the weekly rules and date overrides. */
  @Column('varchar', { name: 'time_zone', length: 64 })
  timeZone!: string;

  /** ISO 4217, upper case: every offering is priced in it. */
  @Column('char', { name: 'price_currency', length: 3 })
  priceCurrency!: string;

  @Column('jsonb', { default: () => "'[]'" })
  offerings!: StoredOffering[];

  @Column('jsonb', { name: 'weekly_rules', default: () => "'[]'" })
  weeklyRules!: WeeklyRule[];

  @Column('jsonb', { name: 'date_overrides', default: () => "'[]'" })
  dateOverrides!: DateOverride[];

  @Column('integer', { name: 'buffer_before_minutes', default: 0 })
  bufferBeforeMinutes!: number;

  @Column('integer', { name: 'buffer_after_minutes', default: 0 })
  bufferAfterMinutes!: number;

  @Column('integer', { name: 'minimum_notice_minutes', default: 0 })
  minimumNoticeMinutes!: number;

  @Column('integer', { name: 'horizon_days', default: 60 })
  horizonDays!: number;

  @Column('integer', { name: 'daily_limit', nullable: true })
  dailyLimit!: number | null;

  @Column('integer', { name: 'step_minutes', nullable: true })
  stepMinutes!: number | null;

  @Column('boolean', { name: 'auto_accept', default: false })
  autoAccept!: boolean;

  /** Listed in the directory and bookable. */
  @Column('boolean', { default: false })
  published!: boolean;

  /**
   * The profile photo, stored encrypted like attachments (consultant-photos/<id> under its
   * own data key, wrapped by the master key ring); a new photo gets a new id, so the id
   * also tells a browser cache when it changed.
   */
  @Column('uuid', { name: 'photo_id', nullable: true })
  photoId!: string | null;

  @Column('varchar', { name: 'photo_content_type', length: 100, nullable: true })
  photoContentType!: string | null;

  @Column('bytea', { name: 'photo_wrapped_key', nullable: true, select: false })
  photoWrappedKey!: Buffer | null;

  @Column('text', { name: 'photo_master_key_id', nullable: true })
  photoMasterKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
