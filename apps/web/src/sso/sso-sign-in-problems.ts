import { ErrorCode } from '@vetmeet/contracts/client';

/**
 * What went wrong with single sign-on, in words a staff member can act on. The server sends the
 * browser back to /sign-in?sso=CODE; an unknown code still says something useful.
 */
const problems: Partial<Record<string, string>> = {
  [ErrorCode.SsoNotConfigured]:
    'No clinic signs in with that e-mail domain. Sign in with your e-mail address and password instead.',
  [ErrorCode.SsoStateInvalid]: 'That sign-in took too long or was already used. Start again.',
  [ErrorCode.SsoSignInFailed]:
    "Your clinic's sign-in service did not confirm who you are. Start again, or ask your clinic's administrator.",
  [ErrorCode.SsoEmailNotAccepted]:
    "Your clinic's sign-in service did not confirm an e-mail address of your clinic. " +
    'Sign in there with your work account.',
  [ErrorCode.SsoNotInvited]:
    "Your account does not work for this clinic yet. Ask the clinic's administrator for an invitation, " +
    'then sign in again.',
  [ErrorCode.SsoIdentityMismatch]:
    "Your clinic's sign-in service signed you in as a different account than before. " +
    "Ask your clinic's administrator, or sign in with your e-mail address and password.",
  [ErrorCode.SsoIssuerNotAllowed]:
    "Your clinic's sign-in service cannot be reached right now. Try again later, or sign in with your password.",
  [ErrorCode.SsoDiscoveryFailed]:
    "Your clinic's sign-in service cannot be reached right now. Try again later, or sign in with your password.",
  [ErrorCode.EmailNotVerified]:
    'Your Vetmeet account has not confirmed its e-mail address yet. Reset your password with ' +
    '"Forgot password", confirm the address from the link we send, then sign in with your clinic again.',
  [ErrorCode.SsoNotForOperators]:
    'Platform operator accounts cannot sign in through a clinic. Sign in with your e-mail address and password.',
  [ErrorCode.RateLimited]: 'Too many sign-in attempts from here. Wait a few minutes and try again.',
  [ErrorCode.ValidationFailed]: 'Enter your work e-mail address, like name@your-clinic.example.',
};

export function ssoProblemFor(code: string | null): string | null {
  if (!code) return null;
  return (
    problems[code] ??
    'Signing in with your clinic did not work. Start again, or sign in with your e-mail address and password.'
  );
}
