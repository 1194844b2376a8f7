import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Clinic } from '../clinics/clinic.entity';
import { Pet } from '../pets/pet.entity';

export enum ConsultationStatus {
  /** A consultant invited the owner, who has not answered: only the owner sees it. */
  Invited = 'invited',
  Scheduled = 'scheduled',
  /** The owner is in the waiting room. */
  Waiting = 'waiting',
  /** The consultant admitted the owner. */
  InProgress = 'in_progress',
  Ended = 'ended',
  Cancelled = 'cancelled',
  /** The join window closed before the consultation started. */
  NoShow = 'no_show',
  /** The owner declined the invitation. */
  Declined = 'declined',
  /** Nobody answered the invitation before its join window closed. */
  Expired = 'expired',
}

/**
 * One owner, one pet, one consultant of one clinic, at a scheduled time. The clinic sees
 * the pet and the owner (name, country, time zone) only through its consultations: row-level
 * security grants that, per consultation, to the consultant who holds it.
 */
@Entity({ name: 'consultations' })
@Check('consultations_ends_after_start', '"ends_at" > "starts_at"')
@Check('consultations_owner_is_not_consultant', '"owner_id" <> "consultant_id"')
@Index(['consultantId', 'startsAt'])
@Index(['ownerId', 'startsAt'])
@Index(['clinicId', 'startsAt'])
@Index(['status', 'endsAt'])
export class Consultation {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  /** Kept with the clinic's record: closing an account does not silently erase its consultations. */
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Index()
  @Column('uuid', { name: 'pet_id' })
  petId!: string;

  @ManyToOne(() => Pet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pet_id' })
  pet?: Pet;

  @Column('uuid', { name: 'consultant_id' })
  consultantId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultant_id' })
  consultant?: User;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;

  @Column({ type: 'enum', enum: ConsultationStatus, enumName: 'consultation_status', default: ConsultationStatus.Scheduled })
  status!: ConsultationStatus;

  /** Why the owner wants the consultation, as they told it. */
  @Column('text', { nullable: true })
  reason!: string | null;

  /** argon2id of the room password the owner set; null when there is none. */
  @Column('text', { name: 'room_password_hash', nullable: true, select: false })
  roomPasswordHash!: string | null;

  @Column('boolean', { name: 'room_locked', default: false })
  roomLocked!: boolean;

  /** When the consultant first admitted the owner. */
  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
