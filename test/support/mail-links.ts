import { createHash } from 'node:crypto';
import type { CapturedMail } from './smtp-capture';

/** The public address the API e-mail tests configure, so links are checked to be our own. */
export const TEST_PUBLIC_URL = 'https://vetmeet.test';

export const sha256 = (token: string) => createHash('sha256').update(token).digest();

/** The link to `path` (with its `#token=` fragment) in a captured e-mail's text, as a reader would click it. */
export function linkIn(mail: CapturedMail, publicUrl: string, path: string): string {
  const escaped = `${publicUrl}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}#token=[A-Za-z0-9_%-]+`).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no ${path} link in "${mail.parsed.subject ?? ''}"`);
  return match[0];
}

/** The token of the one link of `path` in a message, checked to be our own URL with the token in the fragment. */
export function linkToken(mail: CapturedMail, path: string, publicUrl = TEST_PUBLIC_URL): string {
  const token = /#token=([A-Za-z0-9_-]{43})$/.exec(linkIn(mail, publicUrl, path));
  if (!token) throw new Error(`the ${path} link in "${mail.parsed.subject ?? ''}" carries no well-formed token`);
  return token[1];
}
