import {
  bookingCancelled,
  bookingClinicSuspended,
  bookingConfirmed,
  bookingDeclined,
  bookingRefundIssued,
  bookingReminder,
  bookingRequested,
  bookingRescheduled,
  type BookingCancelledParams,
  type BookingClinicSuspendedParams,
  type BookingConfirmedParams,
  type BookingDeclinedParams,
  type BookingRefundIssuedParams,
  type BookingReminderParams,
  type BookingRequestedParams,
  type BookingRescheduledParams,
} from './booking-notice.templates';
import { clinicDecision, type ClinicDecisionParams } from './clinic-decision.template';
import { consultationInvitation, type ConsultationInvitationParams } from './consultation-invitation.template';
import { mailStringsFor } from './locales';
import { passwordChanged, type PasswordChangedParams } from './password-changed.template';
import type { MailTemplate, RenderedMail } from './rendered-mail';
import { resetPassword, type ResetPasswordParams } from './reset-password.template';
import { staffInvitation, type StaffInvitationParams } from './staff-invitation.template';
import { verifyEmail, type VerifyEmailParams } from './verify-email.template';

/** Every email the platform sends, by name, with the parameters each needs. */
export interface MailTemplateParams {
  'verify-email': VerifyEmailParams;
  'reset-password': ResetPasswordParams;
  'staff-invitation': StaffInvitationParams;
  'password-changed': PasswordChangedParams;
  'booking-requested': BookingRequestedParams;
  'booking-confirmed': BookingConfirmedParams;
  'booking-declined': BookingDeclinedParams;
  'booking-cancelled': BookingCancelledParams;
  'booking-clinic-suspended': BookingClinicSuspendedParams;
  'booking-rescheduled': BookingRescheduledParams;
  'booking-refund-issued': BookingRefundIssuedParams;
  'booking-reminder': BookingReminderParams;
  'consultation-invitation': ConsultationInvitationParams;
  'clinic-decision': ClinicDecisionParams;
}

export type MailTemplateName = keyof MailTemplateParams;

const templates: { [Name in MailTemplateName]: MailTemplate<MailTemplateParams[Name]> } = {
  'verify-email': verifyEmail,
  'reset-password': resetPassword,
  'staff-invitation': staffInvitation,
  'password-changed': passwordChanged,
  'booking-requested': bookingRequested,
  'booking-confirmed': bookingConfirmed,
  'booking-declined': bookingDeclined,
  'booking-cancelled': bookingCancelled,
  'booking-clinic-suspended': bookingClinicSuspended,
  'booking-rescheduled': bookingRescheduled,
  'booking-refund-issued': bookingRefundIssued,
  'booking-reminder': bookingReminder,
  'consultation-invitation': consultationInvitation,
  'clinic-decision': clinicDecision,
};

export const MAIL_TEMPLATE_NAMES = Object.keys(templates) as MailTemplateName[];

/** Renders one email in the person's language (English when we do not write theirs yet). */
export function renderMail<Name extends MailTemplateName>(name: Name, params: MailTemplateParams[Name], locale?: string): RenderedMail {
  const template: MailTemplate<MailTemplateParams[Name]> = templates[name];
  return template(params, mailStringsFor(locale));
}

export type { RenderedMail } from './rendered-mail';
export { MAIL_LOCALES, mailStringsFor } from './locales';
export type { BookingAudience, BookingNames, MailLocale, StaffRoleName } from './locales';
export type { BookingMailParams, MailMoney } from './booking-mail';
export type {
  ClinicDecisionParams,
  ConsultationInvitationParams,
  PasswordChangedParams,
  ResetPasswordParams,
  StaffInvitationParams,
  VerifyEmailParams,
};
export type {
  BookingCancelledParams,
  BookingClinicSuspendedParams,
  BookingConfirmedParams,
  BookingDeclinedParams,
  BookingRefundIssuedParams,
  BookingReminderParams,
  BookingRequestedParams,
  BookingRescheduledParams,
};
