import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type AccountView, type RegisterAccountPayload } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { User } from './user.entity';
import { CURRENT_PRIVACY_POLICY_VERSION } from './privacy-policy';

/** Any IANA name ICU knows, aliases included (Europe/Kyiv and the older Europe/Kiev alike). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const toAccountView = (user: User): AccountView => ({
  id: user.id,
  email: user.email,
  emailVerified: user.emailVerifiedAt !== null,
  twoFactorEnabled: user.totpEnabledAt !== null,
  displayName: user.displayName,
  country: user.country,
  timeZone: user.timeZone,
});

@Injectable()
export class AccountsService {
  /** Each registration costs an argon2 hash (19 MiB): bound them per client address. */
  private readonly perAddress: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly verification: EmailVerificationService,
    private readonly passwordReset: PasswordResetService,
    limits: RateLimits,
  ) {
    this.perAddress = limits.limiter({ name: 'register.per-address', limit: 20, windowMs: 10 * 60 * 1000 });
  }

  /**
   * Creates an account. The answer is the same whether or not the address is taken, so
   * registration cannot be used to find out who has an account.
   */
  async register(request: RegisterAccountPayload, origin: { ip: string | null }): Promise<{ status: 'verification_sent' }> {
    const created = await this.create(request, origin);
    if (created) this.verification.sendAfterRegistration(created);
    return { status: 'verification_sent' };
  }

  /**
   * Registers without any mail, for the development demo whose addresses nobody reads: it
   * verifies them itself (EmailVerificationService.issueLinkWithoutMail). A taken address fails.
   */
  async registerWithoutMail(request: RegisterAccountPayload, origin: { ip: string | null }): Promise<string> {
    const created = await this.create(request, origin, { mailTakenAddress: false });
    if (!created) throw new AppError(ErrorCode.ValidationFailed, 'This address already has an account.');
    return created;
  }

  /** The new account's id, or null when the address is taken (its holder is sent a reset link unless told not to). */
  private async create(
    request: RegisterAccountPayload,
    origin: { ip: string | null },
    { mailTakenAddress } = { mailTakenAddress: true },
  ): Promise<string | null> {
    const problem = passwordProblem(request.password, request.email);
    if (problem) throw new AppError(ErrorCode.WeakPassword, undefined, [`password: ${problem}`]);
    if (!isTimeZone(request.timeZone)) throw new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', ['timeZone: unknown time zone']);
    if (request.privacyPolicyVersion !== CURRENT_PRIVACY_POLICY_VERSION) {
      throw new AppError(ErrorCode.ValidationFailed, 'Read and accept the current privacy policy.', [`privacyPolicyVersion: must be ${CURRENT_PRIVACY_POLICY_VERSION}`]);
    }
    await this.perAddress.take(origin.ip ?? 'unknown');
    // Hashed before looking the address up, so a taken address answers no faster than a new one.
    const passwordHash = await this.passwords.hash(request.password);
    const [existing] = await this.db.runAs(null, (manager) => manager.query<{ user_id: string }[]>('SELECT user_id FROM auth_credentials_for_email($1)', [request.email]));
    if (existing) {
      await this.audit.recordIndependently({ action: 'account.register', entityType: 'account', entityId: existing.user_id, outcome: 'failure', actorUserId: null });
      if (mailTakenAddress) this.passwordReset.sendLinkForTakenAddress(existing.user_id, request.email);
      return null;
    }

    const id = randomUUID();
    const now = new Date();
    await this.db.runAs({ userId: id, clinicId: null }, async (manager) => {
      // Plain SQL: the ORM would ask for RETURNING of columns the runtime role may not read.
      await manager.query(
        `INSERT INTO users (id, email, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)`,
        [id, request.email, passwordHash, request.displayName.trim(), request.country, request.timeZone, now, request.privacyPolicyVersion],
      );
      await this.audit.record({ action: 'account.register', entityType: 'account', entityId: id, outcome: 'success', actorUserId: id });
    });
    return id;
  }

  async me(actor: Actor): Promise<AccountView> {
    return this.db.runAs(actor, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: actor.userId });
      await this.audit.record({ action: 'account.read', entityType: 'account', entityId: actor.userId, outcome: 'success' });
      return toAccountView(user);
    });
  }
}
