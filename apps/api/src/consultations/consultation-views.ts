import type { ConsultationStatusValue, ConsultationView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { joinWindowOf, type JoinWindowSettings } from './join-window';

interface ViewRow {
  id: string;
  clinic_id: string;
  clinic_name: string;
  status: ConsultationStatusValue;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
  room_password_set: boolean;
  room_locked: boolean;
  started_at: Date | null;
  ended_at: Date | null;
  booking_id: string | null;
  created_at: Date;
  owner_id: string;
  owner_name: string;
  owner_country: string;
  owner_time_zone: string;
  consultant_id: string;
  consultant_name: string;
  pet_id: string;
  pet_name: string;
  pet_species: string;
}

/**
 * The views of the given consultations that `userId` takes part in, in the order of `ids`.
 * Of the owner it reads name, country and time zone only (never the e-mail address); of the
 * pet its name and species, through consultation_pet_summaries(), which still answers for a
 * cancelled consultation whose pet the consultant can no longer read.
 */
export async function loadConsultationViews(manager: EntityManager, userId: string, ids: readonly string[], window: JoinWindowSettings): Promise<ConsultationView[]> {
  if (ids.length === 0) return [];
  const rows = await manager.query<ViewRow[]>(
    `SELECT c.id, c.clinic_id, cl.name AS clinic_name, c.status, c.starts_at, c.ends_at, c.reason,
            c.room_password_hash IS NOT NULL AS room_password_set, c.room_locked,
            c.started_at, c.ended_at, c.created_at,
            (SELECT b.id FROM bookings b WHERE b.consultation_id = c.id) AS booking_id,
            c.owner_id, o.display_name AS owner_name, o.country AS owner_country, o.time_zone AS owner_time_zone,
            c.consultant_id, k.display_name AS consultant_name,
            pet.pet_id, pet.name AS pet_name, pet.species AS pet_species
       FROM consultations c
       JOIN clinics cl ON cl.id = c.clinic_id
       JOIN users o ON o.id = c.owner_id
       JOIN users k ON k.id = c.consultant_id
       JOIN consultation_pet_summaries($1::uuid[]) pet ON pet.consultation_id = c.id
      WHERE c.id = ANY ($1::uuid[]) AND (c.owner_id = $2 OR c.consultant_id = $2)`,
    [ids, userId],
  );
  const byId = new Map(rows.map((row) => [row.id, toView(row, userId, window)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toView(row: ViewRow, userId: string, settings: JoinWindowSettings): ConsultationView {
  const window = joinWindowOf({ startsAt: row.starts_at, endsAt: row.ends_at }, settings);
  return {
    id: row.id,
    clinic: { id: row.clinic_id, name: row.clinic_name },
    status: row.status,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: row.reason,
    pet: { id: row.pet_id, name: row.pet_name, species: row.pet_species },
    owner: { id: row.owner_id, displayName: row.owner_name, country: row.owner_country.trim(), timeZone: row.owner_time_zone },
    consultant: { id: row.consultant_id, displayName: row.consultant_name },
    myRole: row.owner_id === userId ? 'owner' : 'consultant',
    roomPasswordSet: row.room_password_set,
    roomLocked: row.room_locked,
    joinOpensAt: window.opensAt.toISOString(),
    joinClosesAt: window.closesAt.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    bookingId: row.booking_id,
    createdAt: row.created_at.toISOString(),
  };
}
