/**
 * E-mail verification and password reset: the links we e-mail carry a one-time token in
 * their fragment; the web page posts it here. Plain shapes, no validation library.
 */

export interface EmailTokenPayload {
  /** The token from the link's `#token=` fragment. */
  token: string;
}

export interface PasswordResetPayload {
  email: string;
}

export interface PasswordResetConfirmPayload {
  token: string;
  newPassword: string;
}

export interface EmailVerifiedView {
  verified: true;
}

/** Answered whether or not an account has the address, so it cannot be used to find accounts. */
export interface PasswordResetRequestedView {
  status: 'reset_link_sent_if_registered';
}

export interface PasswordChangedView {
  passwordChanged: true;
}

export interface VerificationResentView {
  /** already_verified: nothing was sent, the address is confirmed. */
  status: 'verification_sent' | 'already_verified';
}
