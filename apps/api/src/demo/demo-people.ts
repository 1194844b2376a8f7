import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { EmailVerificationService } from '../accounts/email-verification.service';
import { CURRENT_PRIVACY_POLICY_VERSION } from '../accounts/privacy-policy';
import type { Actor, StaffRole } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
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
 * verification link, and signed in, all through the account services the API uses. No mail is
 * sent: the demo's addresses are made up, and with SMTP_URL set a mail would really go out.
 */
@Injectable()
export class DemoPeople {
  constructor(
    private readonly accounts: AccountsService,
    private readonly verification: EmailVerificationService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  async register(person: DemoPerson, password: string, timeZone: string): Promise<DemoActor> {
    const userId = await this.accounts.registerWithoutMail(
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
    // Follows the verification link as its holder would, without a mail carrying it.
    const link = await this.verification.issueLinkWithoutMail(userId);
    if (link) await this.verification.verify(link);
    const { token } = await this.auth.signIn({ email: person.email, password }, NO_ORIGIN);
    // As the session guard finds it for a request carrying the cookie.
    const session = await this.sessions.resolve(token);
    if (!session) throw new Error('demo: a demo account could not sign in');
    return { person, actor: { userId: session.userId, sessionId: session.sessionId, clinicId: null, roles: [] } };
  }

  /** The same person acting in a clinic, with the roles they hold there. */
  inClinic(demo: DemoActor, clinicId: string, roles: StaffRole[]): DemoActor {
    return { ...demo, actor: { ...demo.actor, clinicId, roles } };
  }

  async signOut(demo: DemoActor): Promise<void> {
    await this.auth.signOut({ ...demo.actor, clinicId: null, roles: [] });
  }
}
