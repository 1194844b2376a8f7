import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';

/** Where a directory page ended: the sort key (display name, id) of its last entry. */
export interface DirectoryPosition {
  displayName: string;
  consultantId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients; a keyset, so pages stay right while consultants join or leave the directory. */
export function encodeCursor(position: DirectoryPosition): string {
  return Buffer.from(JSON.stringify([position.displayName, position.consultantId])).toString('base64url');
}

export function decodeCursor(cursor: string): DirectoryPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && UUID.test(value[1])) {
      return { displayName: value[0], consultantId: value[1] };
    }
  } catch {
    // Falls through to the same answer as a well-formed but wrong cursor.
  }
  throw new AppError(ErrorCode.ValidationFailed, 'The cursor is not valid: start again from the first page.', ['cursor: must be a nextCursor this directory returned']);
}
