import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from './errors/app-error';

/**
 * Page cursors for keyset paging: the sort key of a page's last entry, as base64url JSON,
 * opaque to clients. Not signed: a made-up cursor only moves where a page starts, within what
 * row-level security lets the person see anyway; so it is checked for shape, not for origin.
 */
export function encodeKeysetCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key, when it has `length` strings and `isValid` accepts them; else VALIDATION_FAILED naming what the cursor must be. */
export function decodeKeysetCursor(cursor: string, length: number, isValid: (key: string[]) => boolean, mustBe: string): string[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length && value.every((part) => typeof part === 'string') && isValid(value as string[])) return value as string[];
  } catch {
    // Falls through to the same answer as a well-formed but wrong cursor.
  }
  throw new AppError(ErrorCode.ValidationFailed, 'The cursor is not valid: start again from the first page.', [`cursor: must be ${mustBe}`]);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
