import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EmailTokenPurpose } from './email-token.entity';

/**
 * One-time tokens for the links we e-mail: address verification and password reset (and
 * the same kind of token for staff invitations). 256 random bits, URL-safe; only the
 * SHA-256 is stored, so a database leak yields no usable link.
 */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashLinkToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Issues a token for one of the account's purposes, valid for `ttlMs`. Earlier unused
 * tokens of the same purpose stop working: only the newest link in the inbox does.
 * Runs in the account holder's scope (email_tokens are theirs alone).
 */
export async function issueEmailToken(manager: EntityManager, userId: string, purpose: EmailTokenPurpose, ttlMs: number): Promise<string> {
  const token = newLinkToken();
  await manager.query('UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [userId, purpose]);
  await manager.query('INSERT INTO email_tokens (id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    randomUUID(),
    userId,
    purpose,
    hashLinkToken(token),
    new Date(Date.now() + ttlMs),
  ]);
  return token;
}

/**
 * Marks a live token used and returns its account, or null when it is unknown, used or
 * expired. auth_redeem_email_token() does both in one UPDATE, so two concurrent uses of
 * one link cannot both succeed; the caller's transaction rolling back un-uses it.
 */
export async function redeemEmailToken(manager: EntityManager, token: string, purpose: EmailTokenPurpose): Promise<string | null> {
  const [row] = await manager.query<{ user_id: string | null }[]>('SELECT auth_redeem_email_token($1, $2::email_token_purpose) AS user_id', [hashLinkToken(token), purpose]);
  return row?.user_id ?? null;
}

/**
 * Continues the current transaction as the account a redeemed token belongs to. Before the
 * token nobody is acting; after it, row-level security lets the rest of the same
 * transaction touch that person's rows, so a later refusal (a weak new password) rolls
 * the redemption back too. Use only right after redeemEmailToken().
 */
export async function actAsTokenHolder(manager: EntityManager, userId: string): Promise<void> {
  await manager.query("SELECT set_config('app.user_id', $1, true)", [userId]);
}
