import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

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
}
