import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type MembershipView,
  type SessionAnswer,
  type SessionView,
  type SignInPayload,
} from '@vetmeet/contracts';
import { toAccountView } from '../accounts/accounts.service';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { AppError, retryLater } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { SessionsService, type LiveSession } from '../sessions/sessions.service';
import type { Actor } from './actor';
import { PasswordHasher } from './password-hasher';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { csrfTokenFor } from './session-token';
import { OperatorRecords } from '../operators/operator-records';

const MAX_FAILED_SIGN_INS = 5;
const LOCKOUT = '15 minutes';

interface Credentials {
  user_id: string;
  password_hash: string;
  locked_until: Date | null;
}

@Injectable()
export class AuthService {
  /** Per client address: guessing many accounts from one place. */
  private readonly perAddress: RateLimiter;
  /** Per account: guessing one account from many places (lockout also applies). */
  private readonly perAccount: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
    limits: RateLimits,
  ) {
    this.perAddress = limits.limiter({ name: 'sign-in.per-address', limit: 30, windowMs: 10 * 60 * 1000 });
    this.perAccount = limits.limiter({ name: 'sign-in.per-account', limit: 10, windowMs: 10 * 60 * 1000 });
  }

  async signIn(request: SignInPayload, origin: { ip: string | null; userAgent: string | null }): Promise<{ token: string; view: SessionView }> {
    await this.perAddress.take(origin.ip ?? 'unknown');
    await this.perAccount.take(request.email.toLowerCase());
    const [credentials] = await this.db.runAs(null, (manager) =>
      manager.query<Credentials[]>('SELECT user_id, password_hash, locked_until FROM auth_credentials_for_email($1)', [request.email]),
    );
    const denied = (error: AppError) =>
      this.audit
        .recordIndependently({ action: 'account.sign_in', entityType: 'account', entityId: credentials?.user_id ?? null, outcome: 'failure', actorUserId: credentials?.user_id ?? null })
        .then(() => error);
    // Says how long to wait, as RATE_LIMITED does; only someone who knows the address gets here.
    const locked = (until: Date) => denied(retryLater(ErrorCode.AccountLocked, (until.getTime() - Date.now()) / 1000));
    const invalid = () => denied(new AppError(ErrorCode.InvalidCredentials));

    if (credentials?.locked_until && credentials.locked_until.getTime() > Date.now()) throw await locked(credentials.locked_until);
    const passwordMatches = await this.passwords.verify(credentials?.password_hash, request.password);
    if (!credentials || !passwordMatches) {
      if (!credentials) throw await invalid();
      const lockedUntil = await this.recordSignIn(credentials.user_id, false);
      throw await (lockedUntil && lockedUntil.getTime() > Date.now() ? locked(lockedUntil) : invalid());
    }

    await this.recordSignIn(credentials.user_id, true);
    return this.openSession(credentials.user_id, origin);
  }

  /**
   * The session of a person whose first factor checked out: their password here, or their clinic's
   * identity provider (single sign-on, `account.sign_in.sso`). An account with TOTP gets a
   * half-signed-in session until its code, unless the provider already proved a second factor.
   */
  async openSession(
    userId: string,
    origin: { ip: string | null; userAgent: string | null },
    {
      action = 'account.sign_in',
      secondFactorProven = false,
      clinicId = null,
    }: { action?: string; secondFactorProven?: boolean; clinicId?: string | null } = {},
  ): Promise<{ token: string; view: SessionView }> {
    const [{ totp_enabled_at: twoFactorSince }] = await this.db.runAs({ userId, clinicId: null }, (manager) =>
      manager.query<{ totp_enabled_at: Date | null }[]>('SELECT totp_enabled_at FROM users WHERE id = $1', [userId]),
    );
    const { token, session } = await this.sessions.open(userId, origin, twoFactorSince !== null && !secondFactorProven);
    await this.audit.recordIndependently({
      action,
      entityType: 'session',
      entityId: session.sessionId,
      outcome: 'success',
      actorUserId: userId,
      // A sign-in through a clinic's provider is in that clinic's audit log too.
      clinicId,
    });
    return { token, view: await this.describe(session) };
  }

  async signOut(actor: Actor): Promise<void> {
    await this.sessions.revoke(actor, actor.sessionId, 'signed_out');
    await this.audit.recordIndependently({ action: 'account.sign_out', entityType: 'session', entityId: actor.sessionId, outcome: 'success' });
  }

  /** Signed out is an answer, not an error: every page asks on load. */
  async answerSession(actor: Actor | undefined): Promise<SessionAnswer> {
    if (!actor) return { signedIn: false };
    return { signedIn: true, ...(await this.describeActor(actor)) };
  }

  async describeActor(actor: Actor): Promise<SessionView> {
    const view = await this.describe(await this.sessions.liveSession(actor));
    await this.audit.recordIndependently({ action: 'account.read', entityType: 'account', entityId: actor.userId, outcome: 'success', clinicId: null });
    return view;
  }

  /** The signed-in person's own view of their session, with the CSRF token for writes. */
  async describe(session: LiveSession): Promise<SessionView> {
    return this.db.runAs({ userId: session.userId, clinicId: null }, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: session.userId });
      // Until the second factor is in, the session learns nothing about the person's clinics.
      const memberships = session.secondFactorPending ? [] : await manager.query<MembershipView[]>(
        `SELECT m.clinic_id AS "clinicId", c.name AS "clinicName", m.role FROM clinic_memberships m
           JOIN clinics c ON c.id = m.clinic_id WHERE m.user_id = $1 ORDER BY c.name, m.role`,
        [session.userId],
      );
      // Like the memberships, not before the second factor.
      const operator = !session.secondFactorPending && (await OperatorRecords.isOperator(manager));
      return {
        secondFactorPending: session.secondFactorPending,
        account: toAccountView(user),
        memberships,
        platformOperator: operator,
        csrfToken: csrfTokenFor(session.sessionId, this.sessionSecret()),
        expiresAt: session.absoluteExpiresAt.toISOString(),
      };
    });
  }

  sessionSecret(): string {
    const secret = this.config.SESSION_SECRET;
    if (!secret) throw new Error('SESSION_SECRET is missing: withLocalSecrets() or the environment must provide it');
    return secret;
  }

  private async recordSignIn(userId: string, succeeded: boolean): Promise<Date | null> {
    const [row] = await this.db.runAs(null, (manager) =>
      manager.query<{ locked_until: Date | null }[]>('SELECT auth_record_sign_in($1, $2, $3, $4::interval) AS locked_until', [userId, succeeded, MAX_FAILED_SIGN_INS, LOCKOUT]),
    );
    return row?.locked_until ?? null;
  }
}
