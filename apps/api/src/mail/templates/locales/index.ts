import { en } from './en';
import type { MailStrings } from './mail-strings';

/** The languages emails are written in. Add one: a file like en.ts, and its tag here. */
const LOCALES = { en } satisfies Record<string, MailStrings>;

export type MailLocale = keyof typeof LOCALES;
/** Every language emails are written in (tests render each). */
export const MAIL_LOCALES = Object.keys(LOCALES) as MailLocale[];
export const DEFAULT_MAIL_LOCALE: MailLocale = 'en';

/**
 * The strings for a person's language: an exact match (`en`), else its language (`en-GB`
 * gets `en`), else the default. An unknown language is never an error: the email still goes.
 */
export function mailStringsFor(requested: string | undefined): { locale: MailLocale; strings: MailStrings } {
  const candidates = requested ? [requested, requested.split('-')[0]].map((tag) => tag.toLowerCase()) : [];
  const locale = candidates.find((tag): tag is MailLocale => Object.hasOwn(LOCALES, tag)) ?? DEFAULT_MAIL_LOCALE;
  return { locale, strings: LOCALES[locale] };
}

export type { BookingAudience, BookingNames, MailStrings, StaffRoleName } from './mail-strings';
