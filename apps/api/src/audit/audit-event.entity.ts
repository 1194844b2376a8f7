import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditOutcome {
  Success = 'success',
  Failure = 'failure',
  Denied = 'denied',
}

/**
 * Who did what to which record, when, from where, and how it ended — never the data
 * itself. Rows are chained: each carries the hash of the one before (computed by the
 * database on insert), so an edited or deleted row breaks the chain.
 */
@Entity({ name: 'audit_events' })
@Index(['clinicId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** Position in the hash chain, assigned by the database under a lock (ids may commit out of order). */
  @Column('bigint', { name: 'chain_seq', unique: true })
  chainSeq!: string;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt!: Date;

  /** The tenant whose data was touched; null for platform-level events (an owner signing in). */
  @Column('uuid', { name: 'clinic_id', nullable: true })
  clinicId!: string | null;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId!: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { name: 'entity_type' })
  entityType!: string;

  @Column('text', { name: 'entity_id', nullable: true })
  entityId!: string | null;

  @Column({ type: 'enum', enum: AuditOutcome, enumName: 'audit_outcome' })
  outcome!: AuditOutcome;

  @Column('inet', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('bytea', { name: 'prev_hash' })
  prevHash!: Buffer;

  @Column('bytea')
  hash!: Buffer;
}
