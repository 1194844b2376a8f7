import type { ConsultationStatusValue } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { BookingParty, BookingStatus } from './booking.entity';

/** The facts about a booking its services decide on (no names: views load those). */
export interface BookingRecord {
  id: string;
  clinicId: string;
  ownerId: string;
  consultantId: string;
  petId: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  priceAmount: number;
  priceCurrency: string;
  /** While held: when the hold lapses (a lapsed hold may still read 'held' until something marks it expired). */
  holdExpiresAt: Date | null;
  reason: string;
  consultationId: string | null;
  cancelledBy: BookingParty | null;
  /** What the policy granted on a decline or cancellation after payment; null when nothing was decided (e.g. a cancelled hold). */
  refundAmount: number | null;
  /** When it became a request to the consultant; null while held and for a hold never paid. The consultant has no part in it before. */
  requestedAt: Date | null;
}

interface BookingRow {
  id: string;
  clinic_id: string;
  owner_id: string;
  consultant_id: string;
  pet_id: string;
  status: BookingStatus;
  starts_at: Date;
  ends_at: Date;
  price_amount: number;
  price_currency: string;
  hold_expires_at: Date | null;
  reason: string;
  consultation_id: string | null;
  cancelled_by: BookingParty | null;
  refund_amount: number | null;
  requested_at: Date | null;
}

/** The booking as row-level security lets the acting person see it, or null; `lock` holds the row until the transaction ends. */
export async function findBookingRecord(manager: EntityManager, bookingId: string, { lock = false } = {}): Promise<BookingRecord | null> {
  const [row] = await manager.query<BookingRow[]>(
    `SELECT id, clinic_id, owner_id, consultant_id, pet_id, status, starts_at, ends_at, price_amount, price_currency, hold_expires_at, reason, consultation_id, cancelled_by, refund_amount, requested_at
       FROM bookings WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [bookingId],
  );
  if (!row) return null;
  return {
    id: row.id,
    clinicId: row.clinic_id,
    ownerId: row.owner_id,
    consultantId: row.consultant_id,
    petId: row.pet_id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    priceAmount: row.price_amount,
    priceCurrency: row.price_currency,
    holdExpiresAt: row.hold_expires_at,
    reason: row.reason,
    consultationId: row.consultation_id,
    cancelledBy: row.cancelled_by,
    refundAmount: row.refund_amount,
    requestedAt: row.requested_at,
  };
}

/**
 * The status of the booking's consultation, or null without one. `lock` holds the consultation's
 * row until the transaction ends, so the room cannot start it while the booking is being changed
 * (the room takes the same row lock to change a status; take it after the booking's).
 */
export async function findConsultationStatus(
  manager: EntityManager,
  booking: Pick<BookingRecord, 'consultationId'>,
  { lock = false } = {},
): Promise<ConsultationStatusValue | null> {
  if (!booking.consultationId) return null;
  const [row] = await manager.query<{ status: ConsultationStatusValue }[]>(
    `SELECT status FROM consultations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [booking.consultationId],
  );
  return row?.status ?? null;
}
