/**
 * The browser's entry: everything in the contracts except the class-validator DTO classes:
 * the browser uses the plain payload interfaces they implement. Keeps the validator out of the web bundle.
 */
export * from './errors/error-codes';
export * from './errors/ack';
export * from './media/media-types';
export * from './media/loopback-events';
export * from './media/media-payloads';
export * from './health';
export * from './accounts/account-payloads';
export * from './accounts/privacy-policy-payloads';
export * from './pets/pet-payloads';
export type { TotpEnrollmentView, RecoveryCodesView, SecondFactorPayload } from './accounts/two-factor-payloads';
export * from './session/session-events';
export * from './session/session-answer';
export * from './attachments/attachment-payloads';
export type { AuditEventView, AuditEventPage } from './audit/audit-payloads';
export * from './accounts/email-link-payloads';
export * from './clinics/invitation-payloads';
export * from './media/ice-servers';
export * from './consultations/consultation-payloads';
export * from './consultations/consultation-files';
export * from './rooms/room-payloads';
export * from './rooms/room-events';
export * from './rooms/recording-payloads';
export * from './bookings/booking-payloads';
export * from './consultants/consultant-payloads';
export * from './payments/payment-payloads';
export * from './payments/charge-currencies';
export * from './consents/consent-payloads';
export * from './recordings/recording-payloads';
export * from './payments/payout-payloads';
export * from './sso/sso-payloads';
export * from './demo/demo-sign-ins';
export * from './clinics/clinic-profile-payloads';
export * from './consultants/consultant-publication-payloads';
export * from './clinics/countries';
export * from './clinics/clinic-application-payloads';
export * from './operator/operator-payloads';
