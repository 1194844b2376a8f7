import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

const LOGO_COLUMNS = ['logo_id', 'logo_content_type', 'logo_wrapped_key', 'logo_master_key_id'];
/** A logo is all four columns or none. */
const LOGO_WHOLE =
  `(${LOGO_COLUMNS.map((column) => `"${column}" IS NULL`).join(' AND ')}) OR ` +
  `(${LOGO_COLUMNS.map((column) => `"${column}" IS NOT NULL`).join(' AND ')})`;

export enum ClinicStatus {
  Pending = 'pending',
  Approved = 'approved',
  Refused = 'refused',
  Suspended = 'suspended',
}

export const COUNTRY_CHECK = `"country" ~ '^[A-Z]{2}$'`;
export const REASON_CHECK = `"status" NOT IN ('refused', 'suspended') OR length("status_reason") > 0`;
export const ONE_PENDING = `"status" = 'pending'`;

/**
 * A clinic is a tenant: the controller of the data created in its consultations. It comes into
 * being by application (pending) and works once a platform operator approves it.
 */
@Entity({ name: 'clinics' })
@Check('clinics_address_lines', 'cardinality("address_lines") <= 3')
@Check('clinics_address_country', `"address_country" ~ '^[A-Z]{2}$'`)
@Check('clinics_default_currency', `"default_currency" ~ '^[A-Z]{3}$'`)
@Check('clinics_directory_address', `"directory_address" IN ('none', 'city', 'full')`)
@Check('clinics_logo_whole', LOGO_WHOLE)
@Check('clinics_country_code', COUNTRY_CHECK)
@Check('clinics_reason_given', REASON_CHECK)
@Index('clinics_by_status', ['status', 'createdAt', 'id'])
@Index('clinics_one_pending_application', ['applicantUserId'], { unique: true, where: ONE_PENDING })
export class Clinic {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column({ type: 'enum', enum: ClinicStatus, enumName: 'clinic_status', default: ClinicStatus.Pending })
  status!: ClinicStatus;

  @Column('text', { name: 'legal_entity', nullable: true })
  legalEntity!: string | null;

  @Column('character', { length: 2, nullable: true })
  country!: string | null;

  @Column('text', { name: 'time_zone', default: 'UTC' })
  timeZone!: string;

  @Column('text', { name: 'contact_name', nullable: true })
  contactName!: string | null;

  @Column('citext', { name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  /** The account that applied; it becomes the first clinic admin on approval. */
  @Column('uuid', { name: 'applicant_user_id', nullable: true })
  applicantUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'applicant_user_id', foreignKeyConstraintName: 'clinics_applicant_fkey' })
  applicant?: User;

  /** Why it was refused, suspended or reinstated, in the operator's words. */
  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  @Column('timestamptz', { name: 'status_changed_at', nullable: true })
  statusChangedAt!: Date | null;

  @Column('uuid', { name: 'status_changed_by', nullable: true })
  statusChangedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'status_changed_by', foreignKeyConstraintName: 'clinics_status_changed_by_fkey' })
  statusChanger?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  // The clinic's profile, kept by its admins (clinic-profiles).
  @Column('text', { name: 'address_lines', array: true, default: () => "'{}'" })
  addressLines!: string[];

  @Column('varchar', { name: 'address_city', length: 100, default: '' })
  addressCity!: string;

  @Column('varchar', { name: 'address_postcode', length: 20, default: '' })
  addressPostcode!: string;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { name: 'address_country', length: 2, nullable: true })
  addressCountry!: string | null;

  /** ISO 4217: a new consultant's prices start in it. */
  @Column('char', { name: 'default_currency', length: 3, default: 'EUR' })
  defaultCurrency!: string;

  @Column('boolean', { name: 'directory_show_logo', default: false })
  directoryShowLogo!: boolean;

  /** 'none', 'city' or 'full': how much of the address the directory shows. */
  @Column('varchar', { name: 'directory_address', length: 8, default: 'none' })
  directoryAddress!: string;

  /** The logo, stored encrypted like consultant photos (clinic-logos/<id>, its own wrapped data key). */
  @Column('uuid', { name: 'logo_id', nullable: true })
  logoId!: string | null;

  @Column('varchar', { name: 'logo_content_type', length: 100, nullable: true })
  logoContentType!: string | null;

  @Column('bytea', { name: 'logo_wrapped_key', nullable: true, select: false })
  logoWrappedKey!: Buffer | null;

  @Column('text', { name: 'logo_master_key_id', nullable: true })
  logoMasterKeyId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
