import { renderLayout } from './layout';
import type { MailTemplate } from './rendered-mail';

export interface ResetPasswordParams {
  /** From MailLinks.resetPassword(token). */
  link: string;
  expiresInMinutes: number;
}

export const resetPassword: MailTemplate<ResetPasswordParams> = ({ link, expiresInMinutes }, context) => {
  const strings = context.strings.resetPassword;
  return renderLayout(
    {
      subject: strings.subject,
      heading: strings.heading,
      paragraphs: [strings.body],
      action: { label: strings.action, url: link },
      notes: [strings.expires(expiresInMinutes), strings.notYou],
    },
    context,
  );
};
