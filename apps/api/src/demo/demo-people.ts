import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { AccountsService } from '../accounts/accounts.service';
import { EmailTokenPurpose } from '../accounts/email-token.entity';
import { issueEmailToken } from '../accounts/email-verification-tokens';
import { EmailVerificationService } from '../accounts/email-verification.service';
import { CURRENT_PRIVACY_POLICY_VERSION } from '../accounts/privacy-policy';
import type { Actor, StaffRole } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { SessionsService } from '../sessions/sessions.service';
import type { DemoPerson } from './demo-cast';

/** A demo account signed in through the API's own sign-in, acting as itself. */
export interface DemoActor {
  person: DemoPerson;
  actor: Actor;
}

const NO_ORIGIN = { ip: null, userAgent: 'vetmeet demo seed' };

/**
 * Makes the demo's people the way people come: registered, their address verified through a
 * verification link, and signed in, all through the account services the API uses.
 */
@Injectable()
export class DemoPeople {
  constructor(
    private readonly accounts: AccountsService,
    private readonly verification: EmailVerificationService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly db: DatabaseContext,
  ) {}

  async register(person: DemoPerson, password: string, timeZone: string): Promise<DemoActor> {
    await this.accounts.register(
      {
        email: person.email,
        password,
        displayName: person.displayName,
        country: 'NL',
        timeZone,
        adultConfirmed: true,
        privacyPolicyVersion: CURRENT_PRIVACY_POLICY_VERSION,
      },
      NO_ORIGIN,
    );
    const { token } = await this.auth.signIn({ email: person.email, password }, NO_ORIGIN);
    // As the session guard finds it for a request carrying the cookie.
    const session = await this.sessions.resolve(token);
    if (!session) throw new Error('demo: a demo account could not sign in');
    await this.verifyEmail(session.userId);
    return { person, actor: { userId: session.userId, sessionId: session.sessionId, clinicId: null, roles: [] } };
  }

  /** The same person acting in a clinic, with the roles they hold there. */
  inClinic(demo: DemoActor, clinicId: string, roles: StaffRole[]): DemoActor {
    return { ...demo, actor: { ...demo.actor, clinicId, roles } };
  }

  async signOut(demo: DemoActor): Promise<void> {
    await this.auth.signOut({ ...demo.actor, clinicId: null, roles: [] });
  }

  /**
   * Follows a verification link as its holder would. The registration's own e-mail issues a
   * link meanwhile, which voids an earlier one: a link voided that way is simply issued again.
   */
  private async verifyEmail(userId: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.db.runAs({ userId, clinicId: null }, (manager) =>
        issueEmailToken(manager, userId, EmailTokenPurpose.VerifyEmail, 60 * 60 * 1000),
      );
      try {
        await this.verification.verify(token);
        return;
      } catch (error) {
        if (attempt >= 3 || !(error instanceof AppError) || error.code !== ErrorCode.EmailTokenInvalid) throw error;
      }
    }
  }
}
