import { BOOKING_LIST_DEFAULT_LIMIT, type BookingListQueryPayload } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { decodeKeysetCursor, encodeKeysetCursor, UUID_PATTERN } from '../common/keyset-cursor';

/** Not over yet and still on: the 'upcoming' period; everything else is 'past'. */
const UPCOMING = `status IN ('held', 'pending_acceptance', 'confirmed') AND ends_at > now()`;

export interface BookingIdPage {
  ids: string[];
  nextCursor: string | null;
}

/**
 * One page of the ids of one side's bookings, by start (soonest first upcoming, latest first
 * past), keyset-paged on (starts_at, id) so a booking made or moved meanwhile neither repeats
 * nor hides one. A consultant's side holds only bookings that became requests to them; row-level
 * security holds the rest to the person, and this only chooses among what it shows.
 */
export async function listBookingIds(manager: EntityManager, userId: string, query: BookingListQueryPayload): Promise<BookingIdPage> {
  const limit = query.limit ?? BOOKING_LIST_DEFAULT_LIMIT;
  const upcoming = query.period === 'upcoming';
  const params: unknown[] = [userId];
  const where = [query.as === 'owner' ? 'owner_id = $1' : 'consultant_id = $1 AND requested_at IS NOT NULL', upcoming ? UPCOMING : `NOT (${UPCOMING})`];
  if (query.clinicId) where.push(`clinic_id = $${params.push(query.clinicId)}`);
  if (query.cursor !== undefined) {
    const after = decodePosition(query.cursor, query);
    where.push(`(starts_at, id) ${upcoming ? '>' : '<'} ($${params.push(after.startsAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
  }
  const direction = upcoming ? 'ASC' : 'DESC';
  const rows = await manager.query<{ id: string; starts_at: Date }[]>(
    `SELECT id, starts_at FROM bookings WHERE ${where.join(' AND ')} ORDER BY starts_at ${direction}, id ${direction} LIMIT ${limit + 1}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ids: page.map((row) => row.id),
    nextCursor: rows.length > limit ? encodeKeysetCursor([...listIdentity(query), last.starts_at.toISOString(), last.id]) : null,
  };
}

/** A cursor belongs to one list: the same side, period and clinic. */
function listIdentity(query: BookingListQueryPayload): string[] {
  return [query.as, query.period, query.clinicId ?? ''];
}

function decodePosition(cursor: string, query: BookingListQueryPayload): { startsAt: string; id: string } {
  const identity = listIdentity(query);
  const key = decodeKeysetCursor(
    cursor,
    identity.length + 2,
    (parts) => identity.every((part, index) => parts[index] === part) && !Number.isNaN(Date.parse(parts[3])) && UUID_PATTERN.test(parts[4]),
    'the nextCursor of this list (same as, period and clinicId)',
  );
  return { startsAt: key[3], id: key[4] };
}
