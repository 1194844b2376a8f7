import { renderLayout } from './layout';
import type { MailTemplate } from './rendered-mail';

export interface VerifyEmailParams {
  /** From MailLinks.verifyEmail(token). */
  link: string;
  expiresInHours: number;
}

export const verifyEmail: MailTemplate<VerifyEmailParams> = ({ link, expiresInHours }, context) => {
  const strings = context.strings.verifyEmail;
  return renderLayout(
    {
      subject: strings.subject,
      heading: strings.heading,
      paragraphs: [strings.body],
      action: { label: strings.action, url: link },
      notes: [strings.expires(expiresInHours), strings.notYou],
    },
    context,
  );
};
