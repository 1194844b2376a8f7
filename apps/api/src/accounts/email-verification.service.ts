import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type EmailVerifiedView, type VerificationResentView } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext } from '../database/database-context';
import { MailLinks } from '../mail/mail-links';
import { Mailer } from '../mail/mailer';
import { EmailTokenPurpose } from './email-token.entity';
import { actAsTokenHolder, issueEmailToken, redeemEmailToken } from './email-verification-tokens';

const LINK_LIFETIME_HOURS = 24;

/**
 * Confirms that an account's holder reads mail at its address: a one-time link is e-mailed
 * at registration (and again on request), and following it marks the address verified.
 */
@Injectable()
export class EmailVerificationService {
  private readonly logger = new Logger(EmailVerificationService.name);
  /** Enough for a lost or late message; not enough to flood an inbox. */
  private readonly resends: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    limits: RateLimits,
  ) {
    this.resends = limits.limiter({ name: 'email-verification.resends', limit: 5, windowMs: 60 * 60 * 1000 });
  }

  /**
   * Right after registration. Never fails it, and does not hold up its answer: the account
   * exists by now, and the time a registration takes must not depend on the mail server
   * (the answer for an address already taken sends mail too). A lost message can be
   * re-sent once signed in.
   */
  sendAfterRegistration(userId: string): void {
    this.send(userId).catch((error: unknown) => this.logger.warn({ userId, err: loggableError(error) }, 'verification email not sent after registration'));
  }

  async resend(actor: Actor): Promise<VerificationResentView> {
    await this.resends.take(actor.userId);
    return { status: await this.send(actor.userId) };
  }

  async verify(token: string): Promise<EmailVerifiedView> {
    const userId = await this.db.runAs(null, async (manager) => {
      const holder = await redeemEmailToken(manager, token, EmailTokenPurpose.VerifyEmail);
      if (!holder) return null;
      await actAsTokenHolder(manager, holder);
      await manager.query('UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1', [holder]);
      await this.audit.record({ action: 'account.verify_email', entityType: 'account', entityId: holder, outcome: 'success', actorUserId: holder });
      return holder;
    });
    if (!userId) {
      await this.audit.recordIndependently({ action: 'account.verify_email', entityType: 'account', outcome: 'failure' });
      throw new AppError(ErrorCode.EmailTokenInvalid);
    }
    return { verified: true };
  }

  /**
   * The link's token a verification mail would carry, sent to nobody: for the development demo,
   * which follows it itself (verify) so its made-up addresses get no mail. Null if already verified.
   */
  async issueLinkWithoutMail(userId: string): Promise<string | null> {
    return (await this.issue(userId))?.token ?? null;
  }

  private async send(userId: string): Promise<VerificationResentView['status']> {
    const issued = await this.issue(userId);
    if (!issued) return 'already_verified';
    const params = { link: this.links.verifyEmail(issued.token), expiresInHours: LINK_LIFETIME_HOURS };
    await this.mailer.send({ template: 'verify-email', to: issued.email, params });
    return 'verification_sent';
  }

  private issue(userId: string): Promise<{ email: string; token: string } | null> {
    return this.db.runAs({ userId, clinicId: null }, async (manager) => {
      const [user] = await manager.query<{ email: string; email_verified_at: Date | null }[]>('SELECT email, email_verified_at FROM users WHERE id = $1', [userId]);
      if (!user || user.email_verified_at) return null;
      const token = await issueEmailToken(manager, userId, EmailTokenPurpose.VerifyEmail, LINK_LIFETIME_HOURS * 60 * 60 * 1000);
      await this.audit.record({ action: 'account.verify_email.issue', entityType: 'account', entityId: userId, outcome: 'success', actorUserId: userId });
      return { email: user.email, token };
    });
  }
}
