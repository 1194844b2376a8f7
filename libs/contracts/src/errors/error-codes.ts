/**
 * Every error a client can see carries one of these codes. Clients branch on the code;
 * the message is for people and may change.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  UnknownEvent = 'UNKNOWN_EVENT',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** The request's body did not arrive in time (a slow or stalled upload of a JSON body); the connection was closed. */
  RequestTimeout = 'REQUEST_TIMEOUT',
  MediaRejected = 'MEDIA_REJECTED',
  MediaUnavailable = 'MEDIA_UNAVAILABLE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** An email (verification, password reset, invitation, …) could not be handed to the mail server; asking again later may work. */
  EmailNotSent = 'EMAIL_NOT_SENT',
  /** Too short, too common, or built from the account's own e-mail address. */
  WeakPassword = 'WEAK_PASSWORD',
  /** Wrong e-mail or password; deliberately does not say which. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins: the account is locked for a while. */
  AccountLocked = 'ACCOUNT_LOCKED',
  /** Too many requests from this client; retry after the time in Retry-After. */
  RateLimited = 'RATE_LIMITED',
  /** A cookie-authenticated write without the session's X-CSRF-Token. */
  CsrfTokenInvalid = 'CSRF_TOKEN_INVALID',
  /** Signed in with the password; the authenticator code (or a recovery code) is still due. */
  SecondFactorRequired = 'SECOND_FACTOR_REQUIRED',
  /** The authenticator or recovery code is wrong, used or expired. */
  SecondFactorInvalid = 'SECOND_FACTOR_INVALID',
  /** The second factor is already on (switch it off first) or not set up yet. */
  SecondFactorState = 'SECOND_FACTOR_STATE',
  /** The action needs an e-mail address proven by its verification link first. */
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
  Internal = 'INTERNAL',
  /** An e-mail link (verification, password reset) is unknown, already used or expired: ask for a new one. */
  EmailTokenInvalid = 'EMAIL_TOKEN_INVALID',
  /** A staff invitation link is unknown, revoked, already accepted or expired: ask the clinic for a new one. */
  InvitationInvalid = 'INVITATION_INVALID',
  /** The file's content (not its name or claimed type) is not a type this kind of attachment accepts. */
  AttachmentTypeNotAllowed = 'ATTACHMENT_TYPE_NOT_ALLOWED',
  /** The room opens a while before the consultation's start and closes a while after its end; this is outside that window. */
  JoinWindowClosed = 'JOIN_WINDOW_CLOSED',
  /** The owner set a room password: join again with it. */
  RoomPasswordRequired = 'ROOM_PASSWORD_REQUIRED',
  /** The room password is wrong. */
  RoomPasswordInvalid = 'ROOM_PASSWORD_INVALID',
  /** The consultant locked the room: only those already in it may come back. */
  RoomLocked = 'ROOM_LOCKED',
  /** The consultation ended, was cancelled or marked a no-show: its room cannot be joined. */
  ConsultationClosed = 'CONSULTATION_CLOSED',
  /** Still in the waiting room: the consultant has to admit you before media can flow. */
  NotAdmitted = 'NOT_ADMITTED',
  /** The consultation is not in a state that allows this (e.g. cancelling one that has started). */
  ConsultationState = 'CONSULTATION_STATE',
  /** An HTTP Range outside the file; the response's Content-Range gives the file's size. */
  RangeNotSatisfiable = 'RANGE_NOT_SATISFIABLE',
  /** Someone else holds or booked this consultant's time (buffers included): pick another slot. */
  SlotTaken = 'SLOT_TAKEN',
  /** Stripe could not be reached or refused our credentials: nothing was charged; try again in a moment. */
  PaymentProviderUnavailable = 'PAYMENT_PROVIDER_UNAVAILABLE',
  /** The card was declined: try another payment method. */
  PaymentDeclined = 'PAYMENT_DECLINED',
  /** Not possible in the payment mode this server runs in (local test payments vs. Stripe). */
  PaymentMode = 'PAYMENT_MODE',
  /** The payment is not in a state that allows this (already paid, cancelled or refunded). */
  PaymentState = 'PAYMENT_STATE',
  /** A webhook whose signature is missing, forged or too old. */
  WebhookSignatureInvalid = 'WEBHOOK_SIGNATURE_INVALID',
  /** Publishing a consultant profile needs at least one consultation length with a price and some availability (a weekly rule or a date override). */
  ConsultantProfileIncomplete = 'CONSULTANT_PROFILE_INCOMPLETE',
  /** The time is not one of the consultant's open slots (outside their hours, too soon, too far ahead, or a length they do not offer). */
  SlotUnavailable = 'SLOT_UNAVAILABLE',
  /** The booking is not in a state that allows this (e.g. accepting one that was cancelled). */
  BookingState = 'BOOKING_STATE',
  /** The account keeps as many megabytes of pet files as it may (STORAGE_QUOTA_MB), or the person shared as many in this consultation as they may (CONSULTATION_FILES_QUOTA_MB). */
  StorageQuotaExceeded = 'STORAGE_QUOTA_EXCEEDED',
  /** Recording needs a standing recording consent from everyone in the call; the message says whose role is missing. */
  ConsentMissing = 'CONSENT_MISSING',
  /** The recording is not in a state that allows this (e.g. resuming one that is not paused). */
  RecordingState = 'RECORDING_STATE',
  /** Recordings cannot be written right now (no storage for them); the call goes on unrecorded. */
  RecordingUnavailable = 'RECORDING_UNAVAILABLE',
  /** The consultant's clinic cannot take card payments yet (its Stripe account is not connected or enabled): no paid booking. */
  ClinicPaymentsNotReady = 'CLINIC_PAYMENTS_NOT_READY',
  /** No clinic signs its staff in with this e-mail domain: sign in with your e-mail address and password. */
  SsoNotConfigured = 'SSO_NOT_CONFIGURED',
  /** The identity provider did not answer at this issuer, or its discovery document names another issuer. */
  SsoDiscoveryFailed = 'SSO_DISCOVERY_FAILED',
  /** Another clinic already signs in staff of this e-mail domain. */
  SsoDomainTaken = 'SSO_DOMAIN_TAKEN',
  /** A public e-mail provider's domain (gmail.com, outlook.com, …) cannot belong to one clinic. */
  SsoDomainNotAllowed = 'SSO_DOMAIN_NOT_ALLOWED',
  /** This single sign-on attempt is unknown, used already, expired or from another browser: start again. */
  SsoStateInvalid = 'SSO_STATE_INVALID',
  /** The identity provider's answer did not check out (issuer, audience, nonce, code): nothing was signed in. */
  SsoSignInFailed = 'SSO_SIGN_IN_FAILED',
  /** The provider did not vouch for the e-mail address, or its domain is not one of this clinic's. */
  SsoEmailNotAccepted = 'SSO_EMAIL_NOT_ACCEPTED',
  /** No Vetmeet account with this address works for the clinic, and no invitation waits for it. */
  SsoNotInvited = 'SSO_NOT_INVITED',
  /** The clinic is not in a state that allows this (approving a refused one, suspending one still pending, …). */
  ClinicState = 'CLINIC_STATE',
  /** The account has an application for a clinic waiting already: an operator decides it first. */
  ClinicApplicationPending = 'CLINIC_APPLICATION_PENDING',
  /** Only a platform operator may do this. */
  PlatformOperatorRequired = 'PLATFORM_OPERATOR_REQUIRED',
  /** The platform keeps at least one operator: grant another before revoking this one. */
  LastPlatformOperator = 'LAST_PLATFORM_OPERATOR',
  /** The domain's verification record (DNS TXT) was not found, or holds another value: add it and try again. */
  SsoDomainNotVerified = 'SSO_DOMAIN_NOT_VERIFIED',
  /** The provider's account is linked to another Vetmeet account here, or this account to another one there. */
  SsoIdentityMismatch = 'SSO_IDENTITY_MISMATCH',
  /** The issuer's host is on a loopback, private, link-local or metadata network, and not allowed for SSO. */
  SsoIssuerNotAllowed = 'SSO_ISSUER_NOT_ALLOWED',
  /** A platform operator signs in with e-mail, password and our own second factor, never through a clinic's SSO. */
  SsoNotForOperators = 'SSO_NOT_FOR_OPERATORS',
}

/** The body of every error response, over HTTP and in socket.io acknowledgements. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems, for validation errors only. */
  details?: string[];
  /** Correlates the error with server logs; never contains personal data. */
  requestId?: string;
}
