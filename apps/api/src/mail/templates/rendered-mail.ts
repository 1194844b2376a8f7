import type { MailStrings } from './locales/mail-strings';

/** What a template makes: everything of a message but its addresses. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a template is given besides its own parameters. */
export interface TemplateContext {
  /** BCP 47 tag of the strings in use, for dates and the `lang` attribute. */
  locale: string;
  strings: MailStrings;
}

export type MailTemplate<Params> = (params: Params, context: TemplateContext) => RenderedMail;
