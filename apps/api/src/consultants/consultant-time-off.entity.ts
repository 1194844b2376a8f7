import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConsultantProfile } from './consultant-profile.entity';

/** A stretch of time (UTC) in which a consultant takes no consultations: a holiday, a conference. */
@Entity({ name: 'consultant_time_off' })
@Check('consultant_time_off_ends_after_start', '"ends_at" > "starts_at"')
@Index(['consultantId', 'endsAt'])
export class ConsultantTimeOff {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'consultant_id' })
  consultantId!: string;

  @ManyToOne(() => ConsultantProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultant_id' })
  profile?: ConsultantProfile;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
