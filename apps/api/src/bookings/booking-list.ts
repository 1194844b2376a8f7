import { BOOKING_LIST_DEFAULT_LIMIT, type BookingListQueryPayload } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { pageByStart, type IdPage } from '../common/keyset-page';

/**
 * Still on and not over: the 'upcoming' period; everything else is 'past'. Over goes by the
 * consultation once there is one: ended or missed is past even before the booked end, and a
 * call in progress stays upcoming (its room rejoinable) until it ends, even after it.
 */
const UPCOMING = `status IN ('held', 'pending_acceptance', 'confirmed')
  AND NOT EXISTS (SELECT 1 FROM consultations c
    WHERE c.id = bookings.consultation_id AND c.status IN ('ended', 'cancelled', 'no_show'))
  AND (ends_at > now() OR EXISTS (SELECT 1 FROM consultations c
    WHERE c.id = bookings.consultation_id AND c.status = 'in_progress'))`;

/**
 * One page of the ids of one side's bookings, soonest first upcoming, latest first past. A
 * consultant's side holds only bookings that became requests to them; row-level security
 * holds the rest to the person, and this only chooses among what it shows.
 */
export function listBookingIds(manager: EntityManager, userId: string, query: BookingListQueryPayload): Promise<IdPage> {
  const upcoming = query.period === 'upcoming';
  const params: unknown[] = [userId];
  const where = [query.as === 'owner' ? 'owner_id = $1' : 'consultant_id = $1 AND requested_at IS NOT NULL', upcoming ? UPCOMING : `NOT (${UPCOMING})`];
  if (query.clinicId) where.push(`clinic_id = $${params.push(query.clinicId)}`);
  return pageByStart(manager, {
    table: 'bookings',
    where,
    params,
    ascending: upcoming,
    identity: [query.as, query.period, query.clinicId ?? ''],
    limit: query.limit ?? BOOKING_LIST_DEFAULT_LIMIT,
    cursor: query.cursor,
  });
}
