import { decodeKeysetCursor, encodeKeysetCursor, UUID_PATTERN } from '../common/keyset-cursor';

/** Where a directory page ended: the sort key (display name, id) of its last entry. */
export interface DirectoryPosition {
  displayName: string;
  consultantId: string;
}

/** Opaque to clients; a keyset, so pages stay right while consultants join or leave the directory. */
export function encodeCursor(position: DirectoryPosition): string {
  return encodeKeysetCursor([position.displayName, position.consultantId]);
}

export function decodeCursor(cursor: string): DirectoryPosition {
  const [displayName, consultantId] = decodeKeysetCursor(cursor, 2, ([, id]) => UUID_PATTERN.test(id), 'a nextCursor this directory returned');
  return { displayName, consultantId };
}
