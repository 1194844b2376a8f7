import { html } from '../html';
import type { RenderedMail, TemplateContext } from './rendered-mail';

/**
 * The content of one email, as plain text. Templates fill this in and never write markup:
 * the layout alone turns it into HTML, escaping every value, and into the text part, so the
 * two always say the same thing.
 */
export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Facts shown as a small table: clinic and role, later a consultation's date and consultant. */
  details?: { label: string; value: string }[];
  /** The one button of the email. */
  action?: { label: string; url: string };
  /** Smaller print under the button: when the link expires, what to do if this was not you. */
  notes?: string[];
}

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const BRAND = '#0f5c4d';
const TEXT = '#1b2a27';
const MUTED = '#4a5b57';

/** Collapses line breaks and control characters: a header or a one-line value stays one line. */
export function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

export function renderLayout(content: MailContent, { locale, strings }: TemplateContext): RenderedMail {
  const action = content.action && { label: content.action.label, url: webLink(content.action.url) };
  const details = (content.details ?? []).map(({ label, value }) => ({ label, value: oneLine(value) }));
  const subject = oneLine(content.subject);
  return { subject, text: renderText(content, details, action, strings.layout), html: renderHtml(subject, content, details, action, locale, strings.layout) };
}

type Details = { label: string; value: string }[];
type Action = { label: string; url: string } | undefined;
type LayoutStrings = TemplateContext['strings']['layout'];

function renderText(content: MailContent, details: Details, action: Action, layout: LayoutStrings): string {
  const blocks = [
    content.heading,
    ...content.paragraphs,
    details.map(({ label, value }) => `${label}: ${value}`).join('\n'),
    action ? `${action.label}:\n${action.url}` : '',
    ...(content.notes ?? []),
    `— ${layout.signature}\n${layout.footer}`,
  ];
  return `${blocks.filter((block) => block.length > 0).join('\n\n')}\n`;
}

function renderHtml(subject: string, content: MailContent, details: Details, action: Action, locale: string, layout: LayoutStrings): string {
  const paragraph = `margin:0 0 16px;`;
  const small = `margin:0 0 12px;font-size:13px;line-height:1.5;color:${MUTED};`;
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background:#f5f7f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f5f7f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid #d5dedb;border-radius:10px;">
<tr><td style="padding:24px 32px 0;font:700 20px/1.3 ${FONT};color:${BRAND};">Vetmeet</td></tr>
<tr><td style="padding:16px 32px 28px;font:16px/1.55 ${FONT};color:${TEXT};">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${TEXT};">${content.heading}</h1>
${content.paragraphs.map((text) => html`<p style="${paragraph}">${text}</p>\n`)}${
    details.length > 0
      ? html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;">
${details.map(({ label, value }) => html`<tr><td style="padding:2px 16px 2px 0;color:${MUTED};">${label}</td><td style="padding:2px 0;font-weight:600;">${value}</td></tr>\n`)}</table>\n`
      : ''
  }${
    action
      ? html`<p style="margin:24px 0;"><a href="${action.url}" style="display:inline-block;padding:12px 22px;background:${BRAND};border-radius:6px;color:#ffffff;font-weight:600;text-decoration:none;">${action.label}</a></p>
<p style="${small}">${layout.linkFallback}<br><a href="${action.url}" style="color:${BRAND};word-break:break-all;">${action.url}</a></p>\n`
      : ''
  }${(content.notes ?? []).map((note) => html`<p style="${small}">${note}</p>\n`)}<p style="margin:20px 0 0;">${layout.signature}</p>
</td></tr>
</table>
<p style="max-width:560px;margin:16px auto 0;font:12px/1.5 ${FONT};color:${MUTED};">${layout.footer}</p>
</td></tr>
</table>
</body>
</html>
`.value;
}

/** Links in emails go to the web client: anything but http(s) is a bug, never a link to send. */
function webLink(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw new Error('A link in an email must be an http(s) URL.');
  return parsed.href;
}
