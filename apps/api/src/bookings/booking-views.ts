import type {
  BookingConsultationState,
  BookingPaymentSummary,
  BookingRoleValue,
  BookingStatusValue,
  BookingView,
  ConsultationStatusValue,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { joinWindowOf, type JoinWindowSettings } from '../consultations/join-window';
import { BookingParty, BookingStatus } from './booking.entity';
import { policyView } from './booking-policy';

interface ViewRow {
  id: string;
  status: BookingStatusValue;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  price_amount: number;
  price_currency: string;
  hold_expires_at: Date | null;
  clinic_id: string;
  clinic_name: string;
  consultant_id: string;
  consultant_name: string;
  consultant_time_zone: string;
  owner_id: string;
  owner_name: string;
  owner_country: string;
  owner_time_zone: string;
  pet_id: string;
  pet_name: string;
  pet_species: string;
  photo_attachment_ids: string[];
  consultation_id: string | null;
  consultation_starts_at: Date | null;
  consultation_ends_at: Date | null;
  consultation_status: ConsultationStatusValue | null;
  consultation_started_at: Date | null;
  consultation_ended_at: Date | null;
  cancelled_by: BookingParty | null;
  cancelled_at: Date | null;
  refund_amount: number | null;
  created_at: Date;
}

interface PhotoRow {
  id: string;
  file_name: string;
  content_type: string;
}

export interface BookingViewContext {
  fullRefundNoticeHours: number;
  /** When a consultation's room opens and closes around its times. */
  joinWindow: JoinWindowSettings;
  now: Date;
  /** The payment summaries of the bookings (the payments module owns them). */
  payments: (manager: EntityManager, bookingIds: string[]) => Promise<Map<string, BookingPaymentSummary>>;
}

/**
 * The views of the given bookings that `userId` takes part in, in the order of `ids`. Of the
 * owner it reads name, country and time zone only; of the pet its name and species (through
 * booking_pet_summaries, which still answers once the consultant may no longer read the pet);
 * of the shared photos, only those row-level security lets this person see. The consultant is
 * named and placed as their profile says (their account's name and zone if it is unpublished).
 */
export async function loadBookingViews(manager: EntityManager, userId: string, ids: readonly string[], context: BookingViewContext): Promise<BookingView[]> {
  if (ids.length === 0) return [];
  const rows = await manager.query<ViewRow[]>(
    `SELECT b.id, b.status, b.starts_at, b.ends_at, b.reason, b.price_amount, b.price_currency, b.hold_expires_at,
            b.clinic_id, cl.name AS clinic_name,
            b.consultant_id, COALESCE(cp.display_name, k.display_name) AS consultant_name, COALESCE(cp.time_zone, k.time_zone) AS consultant_time_zone,
            b.owner_id, o.display_name AS owner_name, o.country AS owner_country, o.time_zone AS owner_time_zone,
            pet.pet_id, pet.name AS pet_name, pet.species AS pet_species,
            b.photo_attachment_ids, b.consultation_id,
            c.starts_at AS consultation_starts_at, c.ends_at AS consultation_ends_at, c.status AS consultation_status,
            c.started_at AS consultation_started_at, c.ended_at AS consultation_ended_at,
            b.cancelled_by, b.cancelled_at, b.refund_amount, b.created_at
       FROM bookings b
       JOIN clinics cl ON cl.id = b.clinic_id
       JOIN users o ON o.id = b.owner_id
       JOIN users k ON k.id = b.consultant_id
       LEFT JOIN consultant_profiles cp ON cp.consultant_id = b.consultant_id
       LEFT JOIN consultations c ON c.id = b.consultation_id
       JOIN booking_pet_summaries($1::uuid[]) pet ON pet.booking_id = b.id
      WHERE b.id = ANY ($1::uuid[]) AND (b.owner_id = $2 OR b.consultant_id = $2)`,
    [ids, userId],
  );
  const photoIds = [...new Set(rows.flatMap((row) => row.photo_attachment_ids))];
  const photos = photoIds.length
    ? await manager.query<PhotoRow[]>('SELECT id, file_name, content_type FROM pet_attachments WHERE id = ANY ($1::uuid[])', [photoIds])
    : [];
  const photoById = new Map(photos.map((photo) => [photo.id, photo]));
  const payments = await context.payments(manager, rows.map((row) => row.id));
  const byId = new Map(
    rows.map((row) => {
      const role: BookingRoleValue = row.owner_id === userId ? 'owner' : 'consultant';
      // The consultation's own times (they move with the booking); the booking's if row-level security hides it.
      const window = row.consultation_id
        ? joinWindowOf({ startsAt: row.consultation_starts_at ?? row.starts_at, endsAt: row.consultation_ends_at ?? row.ends_at }, context.joinWindow)
        : null;
      const view: BookingView = {
        id: row.id,
        status: row.status,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
        durationMinutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000),
        reason: row.reason,
        price: { amount: row.price_amount, currency: row.price_currency },
        holdExpiresAt: row.status === 'held' ? (row.hold_expires_at?.toISOString() ?? null) : null,
        clinic: { id: row.clinic_id, name: row.clinic_name },
        consultant: { id: row.consultant_id, displayName: row.consultant_name, timeZone: row.consultant_time_zone },
        owner: { id: row.owner_id, displayName: row.owner_name, country: row.owner_country, timeZone: row.owner_time_zone },
        pet: { id: row.pet_id, name: row.pet_name, species: row.pet_species },
        photos: row.photo_attachment_ids.flatMap((id) => {
          const photo = photoById.get(id);
          return photo ? [{ id, fileName: photo.file_name, contentType: photo.content_type }] : [];
        }),
        myRole: role,
        consultationId: row.consultation_id,
        joinOpensAt: window?.opensAt.toISOString() ?? null,
        joinClosesAt: window?.closesAt.toISOString() ?? null,
        consultation: consultationState(row),
        payment: payments.get(row.id) ?? null,
        cancellation:
          row.cancelled_by && row.cancelled_at ? { by: row.cancelled_by, at: row.cancelled_at.toISOString(), refundAmount: row.refund_amount ?? 0 } : null,
        policy: policyView(
          {
            status: row.status as BookingStatus,
            startsAt: row.starts_at,
            priceAmount: row.price_amount,
            fullRefundNoticeHours: context.fullRefundNoticeHours,
            consultationStatus: row.consultation_status,
          },
          role,
          context.now,
        ),
        createdAt: row.created_at.toISOString(),
      };
      return [row.id, view] as const;
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Where the booking's consultation stands and when its call took place; null without one (or one hidden). */
function consultationState(row: ViewRow): BookingConsultationState | null {
  if (!row.consultation_id || !row.consultation_status) return null;
  return {
    status: row.consultation_status,
    startedAt: row.consultation_started_at?.toISOString() ?? null,
    endedAt: row.consultation_ended_at?.toISOString() ?? null,
  };
}
