import { ErrorCode } from '@vetmeet/contracts/client';
import type { ApiError } from './api-error';

/**
 * What a person reads for an API error code when the page has nothing more specific to
 * say; the code is the contract, the server's message may change. A code not listed here
 * (one added to the API since) falls back to the server's own sentence, which is written
 * for people too, so new codes do not break the web client's build.
 */
const sentences: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.ValidationFailed]: 'Some of the details are not right. Check them and try again.',
  [ErrorCode.UnknownEvent]: 'The server does not understand this request; this page may be out of date. Reload it and try again.',
  [ErrorCode.NotFound]: 'We could not find that. It may have been deleted.',
  [ErrorCode.Forbidden]: 'You are not allowed to do that.',
  [ErrorCode.Unauthenticated]: 'You are signed out. Sign in again to continue.',
  [ErrorCode.PayloadTooLarge]: 'That is too large to send.',
  [ErrorCode.MediaRejected]: 'The media server could not use the video or audio this browser sent.',
  [ErrorCode.MediaUnavailable]: 'The media server is not available right now.',
  [ErrorCode.ServiceUnavailable]: 'Vetmeet cannot be reached right now. Check your connection and try again.',
  [ErrorCode.EmailNotSent]: 'We could not send the email. Please try again in a few minutes.',
  [ErrorCode.WeakPassword]: 'Choose a longer, less common password.',
  [ErrorCode.InvalidCredentials]: 'The email address or password is not right.',
  [ErrorCode.AccountLocked]: 'Too many failed attempts: this account is locked for a while. Try again later.',
  [ErrorCode.RateLimited]: 'Too many attempts. Wait a moment and try again.',
  [ErrorCode.CsrfTokenInvalid]: 'Your session could not be confirmed. Reload the page and try again.',
  [ErrorCode.SecondFactorRequired]: 'Enter the code from your authenticator app to finish signing in.',
  [ErrorCode.SecondFactorInvalid]: 'That code is not right. Check the time on your phone and try again.',
  [ErrorCode.SecondFactorState]: 'Two-step sign-in is not set up the way this needs. Reload the page and try again.',
  [ErrorCode.EmailTokenInvalid]: 'This link is not valid any more: it was used already or has expired. Ask for a new one.',
  [ErrorCode.InvitationInvalid]: 'This invitation is not valid any more. Ask the clinic for a new one.',
  [ErrorCode.Internal]: 'Something went wrong on our side. Please try again.',
  [ErrorCode.ClinicPaymentsNotReady]:
    'This vet’s clinic cannot take card payments yet, so paid consultations cannot be booked for now. Please come back later.',
  [ErrorCode.EmailNotVerified]: 'Confirm your email address first: open the link we sent you, then try again.',
  [ErrorCode.ClinicApplicationPending]: 'You have a clinic application waiting already: an operator decides it first.',
  [ErrorCode.ClinicState]: 'The clinic is not in a state that allows this now. Reload the page to see where it stands.',
  [ErrorCode.PlatformOperatorRequired]: 'Only a platform operator may do this.',
  [ErrorCode.LastPlatformOperator]: 'Vetmeet keeps at least one operator: grant another before revoking this one.',
};

export function sentenceFor(code: ErrorCode): string | undefined {
  return sentences[code];
}

/** "in 5 minutes", "in 40 seconds": how long until a rate limit lifts. */
export function waitPhrase(seconds: number): string {
  if (seconds < 90) return `in ${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}

/** The sentence for an ApiError, with the wait time for RATE_LIMITED when the server gave one. */
export function describeApiError(error: ApiError): string {
  if (error.code === ErrorCode.RateLimited) {
    const seconds = error.retryAfterSeconds();
    if (seconds) return `Too many attempts. Try again ${waitPhrase(seconds)}.`;
  }
  return sentenceFor(error.code) ?? error.message;
}
