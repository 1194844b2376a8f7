import { ErrorCode, type SecondFactorPayload } from '@vetmeet/contracts/client';
import type { ApiError } from '../api/api-error';
import { waitPhrase } from '../api/error-messages';
import type { FieldProblems } from '../forms/form-problems';

/** Which proof the person gives: the authenticator app's current code, or a saved recovery code. */
export type SecondFactorMethod = 'code' | 'recoveryCode';

/** The server's limit on a recovery code's length (they look like "k7m2p-9xq4r"). */
const RECOVERY_CODE_MAX_LENGTH = 20;

/** Authenticator codes are often shown and pasted as "123 456". */
export const normalizeTotpCode = (value: string): string => value.replace(/[\s-]/g, '');

/** The proof to send, or the field's problem when it cannot be right. */
export function secondFactorProof(method: SecondFactorMethod, value: string): { proof: SecondFactorPayload } | { problems: FieldProblems } {
  if (method === 'code') {
    const code = normalizeTotpCode(value);
    if (!code) return { problems: { code: 'Enter the 6-digit code from your authenticator app.' } };
    if (!/^\d{6}$/.test(code)) return { problems: { code: 'The code is 6 digits, with no letters. Enter the one your app shows now.' } };
    return { proof: { code } };
  }
  const recoveryCode = value.trim();
  if (!recoveryCode) return { problems: { recoveryCode: 'Enter one of your recovery codes.' } };
  if (recoveryCode.length > RECOVERY_CODE_MAX_LENGTH) return { problems: { recoveryCode: 'A recovery code is 11 characters, like k7m2p-9xq4r.' } };
  return { proof: { recoveryCode } };
}

/** A failed check in words that say what to do next. */
export function explainSecondFactorFailure(error: ApiError, method: SecondFactorMethod): string | undefined {
  switch (error.code) {
    case ErrorCode.SecondFactorInvalid:
      return method === 'code'
        ? 'That code is not right, or it was used already. Wait for the next code in your app and try again.'
        : 'That recovery code is not right, or it was used already. Each one works only once.';
    case ErrorCode.RateLimited: {
      const seconds = error.retryAfterSeconds();
      return `Too many wrong codes. For your safety, try again ${seconds ? waitPhrase(seconds) : 'in a few minutes'}.`;
    }
    default:
      return undefined;
  }
}

/** "JBSW Y3DP EHPK 3PXP": a base32 key in blocks of four, as authenticator apps take it typed by hand. */
export const groupSecretForTyping = (secretBase32: string): string => secretBase32.replace(/=+$/, '').match(/.{1,4}/g)?.join(' ') ?? '';

/** What "Download as text" saves: the codes, and enough words to know what they are a year later. */
export function recoveryCodesText(codes: readonly string[], email: string, createdAt: Date): string {
  return [
    `Vetmeet recovery codes for ${email}`,
    `Created ${createdAt.toISOString().slice(0, 10)}`,
    '',
    'If you cannot use your authenticator app, each of these codes signs you in once.',
    'Keep them somewhere safe and private, such as a password manager.',
    '',
    ...codes,
    '',
  ].join('\n');
}
