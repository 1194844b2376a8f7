import { ErrorCode } from '@vetmeet/contracts';

/**
 * A failure the client is meant to understand. Thrown by services with a code; the HTTP
 * and socket.io filters turn it into `{ code, message }` without a stack.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = defaultMessages[code],
    readonly details?: string[],
    /** For a refusal that goes away by waiting: the seconds to wait, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * A refusal that waiting clears (RATE_LIMITED, ACCOUNT_LOCKED, a store that is briefly away): the
 * HTTP filter sends the seconds as Retry-After, and the body repeats them as a detail
 * (`retryAfterSeconds: N`) for clients that cannot read headers, such as socket.io acknowledgements.
 */
export function retryLater(code: ErrorCode, seconds: number, message?: string): AppError {
  const whole = Math.max(1, Math.ceil(seconds));
  return new AppError(code, message, [`retryAfterSeconds: ${whole}`], whole);
}

const defaultMessages: Record<ErrorCode, string> = {
  [ErrorCode.ValidationFailed]: 'The request is not valid.',
  [ErrorCode.UnknownEvent]: 'This event is not known to the server.',
  [ErrorCode.NotFound]: 'Not found.',
  [ErrorCode.Forbidden]: 'You are not allowed to do that.',
  [ErrorCode.Unauthenticated]: 'Sign in first.',
  [ErrorCode.PayloadTooLarge]: 'The request is too large.',
  [ErrorCode.RequestTimeout]: 'The request did not arrive in time. Check your connection and try again.',
  [ErrorCode.MediaRejected]: 'The media server rejected these parameters.',
  [ErrorCode.MediaUnavailable]: 'The media server is not available right now.',
  [ErrorCode.ServiceUnavailable]: 'The service is not available right now.',
  [ErrorCode.EmailNotSent]: 'We could not send the email. Please try again in a few minutes.',
  [ErrorCode.WeakPassword]: 'Choose a longer, less common password.',
  [ErrorCode.InvalidCredentials]: 'The e-mail address or password is not right.',
  [ErrorCode.AccountLocked]: 'Too many failed attempts: this account is locked for a while. Try again later or reset your password.',
  [ErrorCode.RateLimited]: 'Too many requests. Wait a moment and try again.',
  [ErrorCode.CsrfTokenInvalid]: 'This request lacks a valid CSRF token. Reload the page and try again.',
  [ErrorCode.SecondFactorRequired]: 'Enter the code from your authenticator app to finish signing in.',
  [ErrorCode.SecondFactorInvalid]: 'That code is not right. Check the time on your phone and try again.',
  [ErrorCode.SecondFactorState]: 'Two-step sign-in is not in the state this needs.',
  [ErrorCode.EmailNotVerified]: 'Verify your e-mail address first: open the link we sent you, then try again.',
  [ErrorCode.Internal]: 'Something went wrong on our side.',
  [ErrorCode.EmailTokenInvalid]: 'This link is not valid any more: it was used already or has expired. Ask for a new one.',
  [ErrorCode.InvitationInvalid]: 'This invitation is not valid any more: it was used, withdrawn or has expired. Ask the clinic for a new one.',
  [ErrorCode.AttachmentTypeNotAllowed]: 'This kind of attachment does not accept files of this type.',
  [ErrorCode.RangeNotSatisfiable]: 'The requested range is not inside the file.',
  [ErrorCode.JoinWindowClosed]: 'This consultation room is not open now.',
  [ErrorCode.RoomPasswordRequired]: 'This room has a password. Enter it to join.',
  [ErrorCode.RoomPasswordInvalid]: 'That room password is not right.',
  [ErrorCode.RoomLocked]: 'The consultant has locked this room.',
  [ErrorCode.ConsultationClosed]: 'This consultation is over or was cancelled.',
  [ErrorCode.NotAdmitted]: 'Wait until the consultant lets you in.',
  [ErrorCode.ConsultationState]: 'This consultation cannot be changed that way now.',
  [ErrorCode.SlotTaken]: 'This time was just taken. Choose another slot.',
  [ErrorCode.PaymentProviderUnavailable]: 'The payment service is not available right now. Nothing was charged; try again in a moment.',
  [ErrorCode.PaymentDeclined]: 'The card was declined. Try another payment method.',
  [ErrorCode.PaymentMode]: 'This is not possible in the payment mode this server runs in.',
  [ErrorCode.PaymentState]: 'This payment cannot be changed that way now.',
  [ErrorCode.WebhookSignatureInvalid]: 'The webhook signature is missing, not valid or too old.',
  [ErrorCode.ConsultantProfileIncomplete]: 'Add at least one consultation length with a price and some availability before publishing.',
  [ErrorCode.SlotUnavailable]: 'This time is not open for booking. Choose one of the slots offered.',
  [ErrorCode.BookingState]: 'The booking is not in a state that allows this.',
  [ErrorCode.StorageQuotaExceeded]: 'There is no more room for files here.',
  [ErrorCode.ConsentMissing]: 'Recording needs the consent of everyone in the call.',
  [ErrorCode.RecordingState]: 'The recording cannot be changed that way now.',
  [ErrorCode.RecordingUnavailable]: 'Recording is not available right now. The call goes on unrecorded.',
  [ErrorCode.ClinicPaymentsNotReady]:
    'This clinic cannot take card payments yet, so its consultants cannot be booked for now.',
  [ErrorCode.SsoNotConfigured]:
    'No clinic signs in with this e-mail domain. Sign in with your e-mail address and password.',
  [ErrorCode.SsoDiscoveryFailed]:
    'The identity provider did not answer at this issuer, or it names another issuer. Check the issuer URL.',
  [ErrorCode.SsoDomainTaken]: 'Another clinic already signs in staff of this e-mail domain.',
  [ErrorCode.SsoDomainNotAllowed]: 'A public e-mail provider\'s domain cannot belong to one clinic.',
  [ErrorCode.SsoStateInvalid]: 'This sign-in attempt is not valid any more. Start again from the sign-in page.',
  [ErrorCode.SsoSignInFailed]:
    "Your clinic's identity provider did not confirm who you are. Start again from the sign-in page.",
  [ErrorCode.SsoEmailNotAccepted]:
    "Your clinic's identity provider did not vouch for an e-mail address of this clinic.",
  [ErrorCode.SsoNotInvited]: "This account does not work for the clinic yet: ask the clinic's admin for an invitation.",
  [ErrorCode.ClinicState]: 'The clinic is not in a state that allows this.',
  [ErrorCode.ClinicApplicationPending]: 'Your clinic application is waiting already: an operator decides it first.',
  [ErrorCode.PlatformOperatorRequired]: 'Only a platform operator may do this.',
  [ErrorCode.LastPlatformOperator]: 'The platform keeps at least one operator: grant another before revoking this one.',
  [ErrorCode.SsoDomainNotVerified]:
    "The domain's verification record was not found in DNS. Add the TXT record shown, wait a few minutes, try again.",
  [ErrorCode.SsoIdentityMismatch]:
    "This account at the clinic's provider is linked to another Vetmeet account: ask the clinic's admin.",
  [ErrorCode.SsoIssuerNotAllowed]: 'This issuer is on an internal network, which single sign-on does not reach.',
  [ErrorCode.SsoNotForOperators]:
    'A platform operator cannot sign in through a clinic: sign in with your e-mail address and password.',
};

export const httpStatusOf: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.UnknownEvent]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RequestTimeout]: 408,
  [ErrorCode.MediaRejected]: 422,
  [ErrorCode.MediaUnavailable]: 503,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.EmailNotSent]: 503,
  [ErrorCode.WeakPassword]: 400,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.AccountLocked]: 423,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.CsrfTokenInvalid]: 403,
  [ErrorCode.SecondFactorRequired]: 401,
  [ErrorCode.SecondFactorInvalid]: 401,
  [ErrorCode.SecondFactorState]: 409,
  [ErrorCode.EmailNotVerified]: 403,
  [ErrorCode.Internal]: 500,
  [ErrorCode.EmailTokenInvalid]: 400,
  [ErrorCode.InvitationInvalid]: 400,
  [ErrorCode.AttachmentTypeNotAllowed]: 415,
  [ErrorCode.RangeNotSatisfiable]: 416,
  [ErrorCode.JoinWindowClosed]: 409,
  [ErrorCode.RoomPasswordRequired]: 403,
  [ErrorCode.RoomPasswordInvalid]: 403,
  [ErrorCode.RoomLocked]: 423,
  [ErrorCode.ConsultationClosed]: 410,
  [ErrorCode.NotAdmitted]: 403,
  [ErrorCode.ConsultationState]: 409,
  [ErrorCode.SlotTaken]: 409,
  [ErrorCode.PaymentProviderUnavailable]: 503,
  [ErrorCode.PaymentDeclined]: 402,
  [ErrorCode.PaymentMode]: 409,
  [ErrorCode.PaymentState]: 409,
  [ErrorCode.WebhookSignatureInvalid]: 400,
  [ErrorCode.ConsultantProfileIncomplete]: 409,
  [ErrorCode.SlotUnavailable]: 409,
  [ErrorCode.BookingState]: 409,
  [ErrorCode.StorageQuotaExceeded]: 413,
  [ErrorCode.ConsentMissing]: 409,
  [ErrorCode.RecordingState]: 409,
  [ErrorCode.RecordingUnavailable]: 503,
  [ErrorCode.ClinicPaymentsNotReady]: 409,
  [ErrorCode.SsoNotConfigured]: 404,
  [ErrorCode.SsoDiscoveryFailed]: 422,
  [ErrorCode.SsoDomainTaken]: 409,
  [ErrorCode.SsoDomainNotAllowed]: 400,
  [ErrorCode.SsoStateInvalid]: 400,
  [ErrorCode.SsoSignInFailed]: 401,
  [ErrorCode.SsoEmailNotAccepted]: 403,
  [ErrorCode.SsoNotInvited]: 403,
  [ErrorCode.ClinicState]: 409,
  [ErrorCode.ClinicApplicationPending]: 409,
  [ErrorCode.PlatformOperatorRequired]: 403,
  [ErrorCode.LastPlatformOperator]: 409,
  [ErrorCode.SsoDomainNotVerified]: 422,
  [ErrorCode.SsoIdentityMismatch]: 403,
  [ErrorCode.SsoIssuerNotAllowed]: 422,
  [ErrorCode.SsoNotForOperators]: 403,
};
