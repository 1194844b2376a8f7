/** Account and sign-in shapes shared by the API and the web client (no validation library here). */

export interface RegisterAccountPayload {
  email: string;
  password: string;
  displayName: string;
  /** ISO 3166-1 alpha-2, e.g. UA. */
  country: string;
  /** IANA time zone, e.g. Europe/Kyiv. */
  timeZone: string;
  /** The person confirms being 18 or older. */
  adultConfirmed: boolean;
  /** The privacy policy version the person read and accepted (GET /api/privacy-policy). */
  privacyPolicyVersion: string;
}

export interface SignInPayload {
  email: string;
  password: string;
}

export interface AccountView {
  id: string;
  /** Whether sign-in asks for an authenticator code. */
  twoFactorEnabled: boolean;
  email: string;
  emailVerified: boolean;
  displayName: string;
  country: string;
  timeZone: string;
}

export interface MembershipView {
  clinicId: string;
  clinicName: string;
  role: 'consultant' | 'support' | 'clinic_admin';
}

/** What a signed-in browser learns about itself; csrfToken goes in X-CSRF-Token on every write. */
export interface SessionView {
  /**
   * True after the password when the account uses a second factor: until
   * POST /api/auth/second-factor succeeds, the session can do nothing else.
   */
  secondFactorPending: boolean;
  account: AccountView;
  memberships: MembershipView[];
  /** A platform operator: the web shows the operator console. */
  platformOperator?: boolean;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionListItem {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}
