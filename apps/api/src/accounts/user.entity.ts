import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One person's account on the platform, whatever clinics they work for or consult. */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('citext', { unique: true })
  email!: string;

  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt!: Date | null;

  /**
   * argon2id, PHC string format. The runtime role may write it but not read it: only the
   * sign-in function (SECURITY DEFINER) compares against it.
   */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { length: 2 })
  country!: string;

  /** IANA zone, e.g. Europe/Kyiv: slots are shown in it. */
  @Column('text', { name: 'time_zone' })
  timeZone!: string;

  /** When the person confirmed being 18 or older. */
  @Column('timestamptz', { name: 'adult_confirmed_at' })
  adultConfirmedAt!: Date;

  @Column('text', { name: 'privacy_policy_version' })
  privacyPolicyVersion!: string;

  @Column('timestamptz', { name: 'privacy_policy_accepted_at' })
  privacyPolicyAcceptedAt!: Date;

  /**
   * The TOTP secret (32 random bytes), wrapped by the master key ring under the context
   * totp:<user id>; set while enrolling, trusted once totpEnabledAt is set.
   */
  @Column('bytea', { name: 'totp_secret_wrapped', nullable: true, select: false })
  totpSecretWrapped!: Buffer | null;

  @Column('timestamptz', { name: 'totp_enabled_at', nullable: true })
  totpEnabledAt!: Date | null;

  /** The last authenticator time step accepted: a code works once, on every node. */
  @Column('integer', { name: 'totp_last_step', nullable: true, select: false })
  totpLastStep!: number | null;

  /** Consecutive failed sign-ins; reset by a successful one. */
  @Column('integer', { name: 'failed_sign_ins', default: 0, select: false })
  failedSignIns!: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true, select: false })
  lockedUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
