import { renderLayout } from './layout';
import type { MailTemplate } from './rendered-mail';

export interface PasswordChangedParams {
  changedAt: Date;
  /** IANA zone of the account (Europe/Kyiv), so the time reads as the person's own; UTC when unknown. */
  timeZone?: string;
  /** Where to start a password reset: MailLinks.forgotPassword(). */
  resetLink: string;
}

export const passwordChanged: MailTemplate<PasswordChangedParams> = ({ changedAt, timeZone, resetLink }, context) => {
  const strings = context.strings.passwordChanged;
  return renderLayout(
    {
      subject: strings.subject,
      heading: strings.heading,
      paragraphs: [strings.body(formatTime(changedAt, context.locale, timeZone))],
      action: { label: strings.action, url: resetLink },
      notes: [strings.notYou],
    },
    context,
  );
};

function formatTime(at: Date, locale: string, timeZone = 'UTC'): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    // An unknown zone must not stop a security notice.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
  }
}
