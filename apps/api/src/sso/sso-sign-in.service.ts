import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type JustInTimeRoleValue, type SessionView } from '@vetmeet/contracts';
import type * as oidc from 'openid-client';
import type { EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { hashSessionToken } from '../auth/session-token';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { InvitationsService } from '../invitations/invitations.service';
import { OperatorRecords } from '../operators/operator-records';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { domainOf } from './email-domains';
import { errorCodeOf, OidcConfigurations } from './oidc-configurations';
import { emailIsVouchedFor, provesSecondFactor } from './second-factor-claims';
import { ssoCallbackUrl } from './sso-callback-url';
import { SsoRepository } from './sso.repository';

/** Who the provider's answer signs in, in which clinic, and whether it proved a second factor. */
export interface SsoIdentity {
  userId: string;
  clinicId: string;
  secondFactorProven: boolean;
}

/** How long a person has at their provider between leaving and coming back. */
export const ATTEMPT_LIFETIME_SECONDS = 10 * 60;

type Origin = { ip: string | null; userAgent: string | null };

/** Thrown inside the sign-in's transaction to undo what it did (an invitation taken) before refusing. */
const IDENTITY_RACE = new Error('identity linked to another subject meanwhile');

/** Refusals of who the person is (rather than of a broken answer), audited as denied. */
const DENIALS = new Set([
  ErrorCode.SsoNotInvited,
  ErrorCode.SsoEmailNotAccepted,
  ErrorCode.SsoIdentityMismatch,
  ErrorCode.EmailNotVerified,
  ErrorCode.SsoNotForOperators,
]);

/**
 * Staff sign-in through their clinic's identity provider. The e-mail's domain picks the clinic; the
 * attempt (state, nonce, PKCE verifier) is kept server-side, bound to the browser by a cookie, and
 * taken once at the callback. The provider's answer admits only a person who already works for the
 * clinic, or whom an invitation waits for, or (if the admin allowed it) any account at its domains.
 * Every refusal is audited by its code, never with the address.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);
  private readonly perAddress: RateLimiter;
  readonly callbackUrl: string;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly configurations: OidcConfigurations,
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    @Inject(AppConfig) config: AppConfig,
    limits: RateLimits,
  ) {
    this.perAddress = limits.limiter({ name: 'sso-sign-in.per-address', limit: 30, windowMs: 10 * 60 * 1000 });
    this.callbackUrl = ssoCallbackUrl(config);
  }

  /** The clinic's provider for a work address, and how to keep the attempt for this browser. */
  async start(email: string, ip: string | null, browserToken: string) {
    await this.perAddress.take(ip ?? 'unknown');
    const domain = domainOf(email);
    const provider = domain
      ? await this.db.runAs(null, (manager) => new SsoRepository(manager).providerForDomain(domain))
      : undefined;
    if (!provider) throw await this.refuse(ErrorCode.SsoNotConfigured, null);
    const configuration = await this.configurationOf(provider.clinicId, () =>
      this.configurations.forProvider(provider),
    );
    const remember = (state: object) =>
      this.db.runAs(null, (manager) =>
        new SsoRepository(manager).beginAttempt(
          hashSessionToken(browserToken),
          provider.clinicId,
          state,
          ATTEMPT_LIFETIME_SECONDS,
        ),
      );
    return { clinicId: provider.clinicId, configuration, remember };
  }

  /** The attempt this browser started, taken once: a replayed or foreign callback finds none. */
  async resume(browserToken: string | undefined) {
    const attempt = browserToken
      ? await this.db.runAs(null, (manager) => new SsoRepository(manager).takeAttempt(hashSessionToken(browserToken)))
      : undefined;
    if (!attempt) throw await this.refuse(ErrorCode.SsoStateInvalid, null);
    const provider = await this.db.runAs(null, (manager) =>
      new SsoRepository(manager).providerForClinic(attempt.clinicId),
    );
    if (!provider) throw await this.refuse(ErrorCode.SsoNotConfigured, attempt.clinicId);
    const configuration = await this.configurationOf(provider.clinicId, () =>
      this.configurations.forProvider(provider),
    );
    return { clinicId: provider.clinicId, configuration, state: attempt.state };
  }

  /**
   * Who the provider's checked ID token signs in. Its e-mail must be vouched for and of one of the
   * clinic's verified domains; the account must exist and, if it signed in here before, as this same
   * provider subject; it must work for the clinic already, or join it now through a waiting
   * invitation, or just in time where the admin allowed that.
   */
  async admit(clinicId: string | undefined, claims: oidc.IDToken | undefined): Promise<SsoIdentity> {
    if (!clinicId || !claims) throw await this.refuse(ErrorCode.SsoSignInFailed, clinicId ?? null);
    const provider = await this.db.runAs(null, (manager) => new SsoRepository(manager).providerForClinic(clinicId));
    const email = typeof claims.email === 'string' ? claims.email : '';
    const domain = domainOf(email);
    if (!provider || !emailIsVouchedFor(claims) || !domain || !provider.domains.includes(domain)) {
      throw await this.refuse(ErrorCode.SsoEmailNotAccepted, clinicId);
    }
    const [account] = await this.db.runAs(null, (manager) =>
      manager.query<{ user_id: string; email_verified: boolean }[]>(
        'SELECT user_id, email_verified FROM auth_credentials_for_email($1)',
        [email],
      ),
    );
    if (!account) throw await this.refuse(ErrorCode.SsoNotInvited, clinicId);
    // Anyone may register any address: unconfirmed, the account and its password may be a squatter's,
    // who would sign in with that password to what this sign-in joins. Its owner resets the password and
    // confirms the address first.
    if (!account.email_verified) throw await this.refuse(ErrorCode.EmailNotVerified, clinicId, account.user_id);
    const userId = account.user_id;
    const outcome = await this.db
      .runAs({ userId, clinicId }, async (manager) => {
        // The platform's most powerful accounts: a clinic's provider (and its MFA claim standing in for
        // our TOTP) must never open their session, even at a domain the clinic verified.
        if (await OperatorRecords.isOperator(manager)) return 'operator';
        const repository = new SsoRepository(manager);
        const matches = () => this.identityMatches(repository, clinicId, provider.issuer, claims.sub, userId);
        if (!(await matches())) return 'mismatch';
        const person = { userId, clinicId, email };
        if (!(await this.joins(repository, manager, provider.justInTimeRole, person))) return 'outside';
        await repository.link(clinicId, provider.issuer, claims.sub, userId);
        // Two first sign-ins at once: the link that lost (nothing inserted) may be of another subject.
        if (!(await matches())) throw IDENTITY_RACE;
        return 'joined';
      })
      .catch((error: unknown) => {
        if (error === IDENTITY_RACE) return 'mismatch' as const;
        throw error;
      });
    if (outcome === 'operator') throw await this.refuse(ErrorCode.SsoNotForOperators, clinicId, userId);
    if (outcome === 'mismatch') throw await this.refuse(ErrorCode.SsoIdentityMismatch, clinicId, userId);
    if (outcome === 'outside') throw await this.refuse(ErrorCode.SsoNotInvited, clinicId, userId);
    return { userId, clinicId, secondFactorProven: provesSecondFactor(claims) };
  }

  /**
   * Defence in depth behind domain verification: the provider's subject and our account are linked at
   * the first sign-in, so a later answer with the same address but another subject (a recycled or
   * forged account at the provider), or the same subject with another address, is refused.
   */
  private async identityMatches(
    repository: SsoRepository,
    clinicId: string,
    issuer: string,
    subject: string,
    userId: string,
  ): Promise<boolean> {
    const accountOfSubject = await repository.accountOfSubject(clinicId, issuer, subject);
    if (accountOfSubject !== undefined) return accountOfSubject === userId;
    return (await repository.subjectOfAccount(clinicId, issuer, userId)) === undefined;
  }

  /** Whether the person works for the clinic, or joins it now by a waiting invitation or just in time. */
  private async joins(
    repository: SsoRepository,
    manager: EntityManager,
    justInTimeRole: JustInTimeRoleValue | null,
    person: { userId: string; clinicId: string; email: string },
  ): Promise<boolean> {
    const { userId, clinicId, email } = person;
    if (await repository.isMember(userId, clinicId)) return true;
    if (await this.invitations.acceptPendingWithin(manager, userId, clinicId, email)) return true;
    if (!justInTimeRole) return false;
    await repository.addMember(userId, clinicId, justInTimeRole);
    await this.audit.record({
      action: 'sso.membership.just_in_time',
      entityType: 'account',
      entityId: userId,
      outcome: 'success',
      clinicId,
    });
    return true;
  }

  /**
   * Our own session, opened as password sign-in opens one. The provider's second factor counts as
   * ours. An account without TOTP that the provider signed in with a password alone is signed in
   * too: TOTP is optional here, and the same account may sign in with its password alone, so
   * refusing would only send it back to that weaker door; a clinic that wants two factors for its
   * staff demands them at its provider, which then says so in amr.
   *
   * The session is the whole account's, not one limited to this clinic: a clinic reaches here only
   * for a domain whose DNS it proved it controls, and whoever controls a domain's DNS controls its
   * mail, so could reset the account's password by e-mail and have the whole account anyway; a
   * limited session would add no protection, only a second kind of session to every route and guard.
   */
  async openSession(
    identity: SsoIdentity,
    origin: Origin,
  ): Promise<{ token: string; view: SessionView; landing: string }> {
    const opened = await this.auth.openSession(identity.userId, origin, {
      action: 'account.sign_in.sso',
      secondFactorProven: identity.secondFactorProven,
      clinicId: identity.clinicId,
    });
    const clinicPage = `/clinics/${identity.clinicId}`;
    const landing = opened.view.secondFactorPending ? `/sign-in?next=${encodeURIComponent(clinicPage)}` : clinicPage;
    return { ...opened, landing };
  }

  /**
   * The provider or openid-client refused the answer (state, issuer, audience, nonce, code):
   * logged by the library's code, audited.
   */
  async providerRefused(error: unknown, clinicId: string | null): Promise<AppError> {
    if (error instanceof AppError) return error;
    this.logger.warn({ code: errorCodeOf(error), clinicId }, 'single sign-on answer refused');
    return this.refuse(ErrorCode.SsoSignInFailed, clinicId);
  }

  private async configurationOf(
    clinicId: string,
    discover: () => Promise<oidc.Configuration>,
  ): Promise<oidc.Configuration> {
    try {
      return await discover();
    } catch (error) {
      if (error instanceof AppError) throw await this.refuse(error.code, clinicId);
      throw error;
    }
  }

  /** An audited refusal: the action names the code, the record the clinic; never the address. */
  private async refuse(code: ErrorCode, clinicId: string | null, userId: string | null = null): Promise<AppError> {
    await this.audit.recordIndependently({
      action: `account.sign_in.sso.${code.toLowerCase().replace(/^sso_/, '')}`,
      entityType: 'clinic',
      entityId: clinicId,
      outcome: DENIALS.has(code) ? 'denied' : 'failure',
      clinicId,
      actorUserId: userId,
    });
    return new AppError(code);
  }
}
