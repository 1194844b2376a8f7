import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type PasswordChangedView,
  type PasswordResetConfirmPayload,
  type PasswordResetPayload,
  type PasswordResetRequestedView,
} from '@vetmeet/contracts';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { RequestContext } from '../common/request/request-context';
import { DatabaseContext } from '../database/database-context';
import { MailLinks } from '../mail/mail-links';
import { Mailer } from '../mail/mailer';
import { SessionsService } from '../sessions/sessions.service';
import { EmailTokenPurpose } from './email-token.entity';
import { actAsTokenHolder, issueEmailToken, redeemEmailToken } from './email-verification-tokens';

const LINK_LIFETIME_MINUTES = 60;
/** As AuthService's lockout; a successful reset clears the counter whatever they are. */
const MAX_FAILED_SIGN_INS = 5;
const LOCKOUT = '15 minutes';

interface ChangedPassword {
  userId: string;
  email: string;
  timeZone: string;
  endedSessionIds: string[];
}

/**
 * "Forgot my password": a one-time link to the account's address, and a new password set
 * with it. Asking never tells whether the address has an account; setting one ends every
 * session of the account and lifts a sign-in lockout.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  /** One client asking for many addresses. */
  private readonly requestsPerClient: RateLimiter;
  /** Many clients (or registrations) asking for one address: mail bombing. */
  private readonly requestsPerAddress: RateLimiter;
  /** Links are unguessable; this bounds the password hashing a client can make us do. */
  private readonly confirmsPerClient: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    limits: RateLimits,
  ) {
    const limiter = (name: string, limit: number, minutes: number) =>
      limits.limiter({ name, limit, windowMs: minutes * 60 * 1000 });
    this.requestsPerClient = limiter('password-reset.requests-per-client', 20, 15);
    this.requestsPerAddress = limiter('password-reset.requests-per-address', 5, 60);
    this.confirmsPerClient = limiter('password-reset.confirms-per-client', 30, 15);
  }

  /**
   * Always the same answer, at once: the lookup, the link and the mail happen after it, so
   * neither the answer nor its timing says whether the address has an account.
   */
  async request({ email }: PasswordResetPayload): Promise<PasswordResetRequestedView> {
    await this.requestsPerClient.take(RequestContext.current().ip ?? 'unknown');
    await this.requestsPerAddress.take(email.toLowerCase());
    this.inBackground(this.sendLinkIfRegistered(email));
    return { status: 'reset_link_sent_if_registered' };
  }

  /**
   * Someone registered with an address that already has an account. Its holder gets a
   * reset link instead of a second account (likely they forgot they had one); registration
   * answers as if it were new. Over the per-address limit nothing is sent, silently.
   */
  sendLinkForTakenAddress(userId: string, email: string): void {
    const overLimit = (error: unknown) => error instanceof AppError && error.code === ErrorCode.RateLimited;
    this.inBackground(
      this.requestsPerAddress.take(email.toLowerCase()).then(
        () => this.sendLink(userId),
        (error: unknown) => {
          if (!overLimit(error)) throw error;
        },
      ),
    );
  }

  async confirm({ token, newPassword }: PasswordResetConfirmPayload): Promise<PasswordChangedView> {
    await this.confirmsPerClient.take(RequestContext.current().ip ?? 'unknown');
    // Most weak passwords are refused before the link is touched; the one check that needs the
    // account's address runs after redemption, in the same transaction, so it un-uses the link.
    this.refuseWeak(newPassword, '');
    const changed = await this.db.runAs(null, async (manager): Promise<ChangedPassword | null> => {
      const userId = await redeemEmailToken(manager, token, EmailTokenPurpose.ResetPassword);
      if (!userId) return null;
      await actAsTokenHolder(manager, userId);
      const [user] = await manager.query<{ email: string; time_zone: string }[]>('SELECT email, time_zone FROM users WHERE id = $1', [userId]);
      this.refuseWeak(newPassword, user.email);
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, await this.passwords.hash(newPassword)]);
      // Whoever knew the old password, or holds a session opened with it, is out.
      const endedSessionIds = await this.sessions.endAllWithin(manager, userId);
      await manager.query('SELECT auth_record_sign_in($1, true, $2, $3::interval)', [userId, MAX_FAILED_SIGN_INS, LOCKOUT]);
      await this.audit.record({ action: 'account.password_reset', entityType: 'account', entityId: userId, outcome: 'success', actorUserId: userId });
      return { userId, email: user.email, timeZone: user.time_zone, endedSessionIds };
    });
    if (!changed) {
      await this.audit.recordIndependently({ action: 'account.password_reset', entityType: 'account', outcome: 'failure' });
      throw new AppError(ErrorCode.EmailTokenInvalid);
    }
    this.sessions.announceEnded(changed.endedSessionIds, 'revoked');
    await this.notifyChanged(changed);
    return { passwordChanged: true };
  }

  private refuseWeak(password: string, email: string): void {
    const problem = passwordProblem(password, email);
    if (problem) throw new AppError(ErrorCode.WeakPassword, undefined, [`newPassword: ${problem}`]);
  }

  private async sendLinkIfRegistered(email: string): Promise<void> {
    const [account] = await this.db.runAs(null, (manager) => manager.query<{ user_id: string }[]>('SELECT user_id FROM auth_credentials_for_email($1)', [email]));
    if (account) return this.sendLink(account.user_id);
    await this.audit.recordIndependently({ action: 'account.password_reset.request', entityType: 'account', outcome: 'failure' });
  }

  private async sendLink(userId: string): Promise<void> {
    const { email, token } = await this.db.runAs({ userId, clinicId: null }, async (manager) => {
      const [user] = await manager.query<{ email: string }[]>('SELECT email FROM users WHERE id = $1', [userId]);
      const issued = await issueEmailToken(manager, userId, EmailTokenPurpose.ResetPassword, LINK_LIFETIME_MINUTES * 60 * 1000);
      await this.audit.record({ action: 'account.password_reset.request', entityType: 'account', entityId: userId, outcome: 'success', actorUserId: userId });
      return { email: user.email, token: issued };
    });
    await this.mailer.send({ template: 'reset-password', to: email, params: { link: this.links.resetPassword(token), expiresInMinutes: LINK_LIFETIME_MINUTES } });
  }

  /** The password did change: a notice that cannot be sent is logged, not turned into an error. */
  private async notifyChanged({ userId, email, timeZone }: ChangedPassword): Promise<void> {
    try {
      await this.mailer.send({ template: 'password-changed', to: email, params: { changedAt: new Date(), timeZone, resetLink: this.links.forgotPassword() } });
    } catch (error) {
      this.logger.warn({ userId, err: loggableError(error) }, 'password-changed notice not sent');
    }
  }

  private inBackground(work: Promise<void>): void {
    work.catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, 'password reset link not sent'));
  }
}
