import type { EntityManager } from 'typeorm';
import { decodeKeysetCursor, encodeKeysetCursor, UUID_PATTERN } from './keyset-cursor';

/** A start as pageByStart writes it: UTC, to the microsecond; anything else is not one of its cursors. */
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface StartOrderedQuery {
  /** A table with id and starts_at, which row-level security already narrows to the person. */
  table: 'bookings' | 'consultations';
  /** Conditions on its rows, with $1… placeholders for `params` (added to, for the cursor). */
  where: string[];
  params: unknown[];
  /** Soonest first (a list of what is to come), or latest first (a history). */
  ascending: boolean;
  /** What the list is (filters, period): a cursor of another list is refused. */
  identity: string[];
  limit: number;
  cursor?: string;
}

export interface IdPage {
  ids: string[];
  nextCursor: string | null;
}

/**
 * One page of ids ordered by (starts_at, id), keyset-paged: the cursor is the last entry's
 * key, so a row made or moved meanwhile neither repeats nor hides another.
 */
export async function pageByStart(manager: EntityManager, query: StartOrderedQuery): Promise<IdPage> {
  const where = [...query.where];
  const params = [...query.params];
  if (query.cursor !== undefined) {
    const after = decodePosition(query.cursor, query.identity);
    where.push(`(starts_at, id) ${query.ascending ? '>' : '<'} ($${params.push(after.startsAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
  }
  const direction = query.ascending ? 'ASC' : 'DESC';
  // The key to the microsecond, as PostgreSQL keeps it (a JavaScript Date would round it to the millisecond).
  const rows = await manager.query<{ id: string; position: string }[]>(
    `SELECT id, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
       FROM ${query.table} WHERE ${where.join(' AND ')} ORDER BY starts_at ${direction}, id ${direction} LIMIT ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    ids: page.map((row) => row.id),
    nextCursor: rows.length > query.limit ? encodeKeysetCursor([...query.identity, last.position, last.id]) : null,
  };
}

function decodePosition(cursor: string, identity: string[]): { startsAt: string; id: string } {
  const key = decodeKeysetCursor(
    cursor,
    identity.length + 2,
    (parts) => identity.every((part, index) => parts[index] === part) && POSITION.test(parts[identity.length]) && UUID_PATTERN.test(parts[identity.length + 1]),
    'the nextCursor of this same list (same filters and period)',
  );
  return { startsAt: key[identity.length], id: key[identity.length + 1] };
}
