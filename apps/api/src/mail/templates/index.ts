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
}

export type MailTemplateName = keyof MailTemplateParams;

const templates: { [Name in MailTemplateName]: MailTemplate<MailTemplateParams[Name]> } = {
  'verify-email': verifyEmail,
  'reset-password': resetPassword,
  'staff-invitation': staffInvitation,
  'password-changed': passwordChanged,
};

export const MAIL_TEMPLATE_NAMES = Object.keys(templates) as MailTemplateName[];

/** Renders one email in the person's language (English when we do not write theirs yet). */
export function renderMail<Name extends MailTemplateName>(name: Name, params: MailTemplateParams[Name], locale?: string): RenderedMail {
  const template: MailTemplate<MailTemplateParams[Name]> = templates[name];
  return template(params, mailStringsFor(locale));
}

export type { RenderedMail } from './rendered-mail';
export type { MailLocale, StaffRoleName } from './locales';
export type { PasswordChangedParams, ResetPasswordParams, StaffInvitationParams, VerifyEmailParams };
