import type { ConsultationRoleValue, ConsultationStatusValue } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';

/** A consultation as one of its two participants sees it, with both names. */
export interface Participation {
  consultationId: string;
  clinicId: string;
  petId: string;
  status: ConsultationStatusValue;
  startsAt: Date;
  endsAt: Date;
  roomLocked: boolean;
  /** argon2id of the room password, or null. */
  roomPasswordHash: string | null;
  role: ConsultationRoleValue;
  owner: { userId: string; displayName: string };
  consultant: { userId: string; displayName: string };
}

interface ParticipationRow {
  id: string;
  clinic_id: string;
  pet_id: string;
  status: ConsultationStatusValue;
  starts_at: Date;
  ends_at: Date;
  room_locked: boolean;
  room_password_hash: string | null;
  owner_id: string;
  owner_name: string;
  consultant_id: string;
  consultant_name: string;
}

/**
 * The consultation if `userId` is its owner or consultant, else null: the one question every
 * consultation and chat operation asks first. Row-level security would already hide it from
 * strangers; the explicit participant test also keeps out clinic admins, who see the row.
 * `lock` takes the row for the rest of the transaction (status changes).
 */
export async function findParticipation(manager: EntityManager, userId: string, consultationId: string, { lock = false } = {}): Promise<Participation | null> {
  const rows = await manager.query<ParticipationRow[]>(
    `SELECT c.id, c.clinic_id, c.pet_id, c.status, c.starts_at, c.ends_at, c.room_locked, c.room_password_hash,
            c.owner_id, o.display_name AS owner_name, c.consultant_id, k.display_name AS consultant_name
       FROM consultations c
       JOIN users o ON o.id = c.owner_id
       JOIN users k ON k.id = c.consultant_id
      WHERE c.id = $1 AND (c.owner_id = $2 OR c.consultant_id = $2)
      ${lock ? 'FOR UPDATE OF c' : ''}`,
    [consultationId, userId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    consultationId: row.id,
    clinicId: row.clinic_id,
    petId: row.pet_id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    roomLocked: row.room_locked,
    roomPasswordHash: row.room_password_hash,
    role: row.owner_id === userId ? 'owner' : 'consultant',
    owner: { userId: row.owner_id, displayName: row.owner_name },
    consultant: { userId: row.consultant_id, displayName: row.consultant_name },
  };
}

/** The participant's own name, as the other one sees it. */
export const displayNameOf = (participation: Participation, userId: string) =>
  participation.owner.userId === userId ? participation.owner.displayName : participation.consultant.displayName;
