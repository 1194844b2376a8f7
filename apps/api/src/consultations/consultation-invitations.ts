import type { EntityManager } from 'typeorm';

export interface InvitationDraft {
  id: string;
  clinicId: string;
  consultantId: string;
  ownerId: string;
  petId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

export interface Invitee {
  ownerId: string;
  petId: string;
}

/**
 * The owner and pet an invitation is for, or null: a verified owner with that e-mail and a pet of
 * that name, case aside (consultation_find_owner_pet; only for a consultant acting in a clinic).
 */
export async function findInvitee(manager: EntityManager, email: string, petName: string): Promise<Invitee | null> {
  const [match] = await manager.query<{ owner_id: string; pet_id: string }[]>(
    'SELECT owner_id, pet_id FROM consultation_find_owner_pet($1, $2)',
    [email, petName],
  );
  return match ? { ownerId: match.owner_id, petId: match.pet_id } : null;
}

/**
 * Written without RETURNING: row-level security hides an invitation from the consultant who
 * sends it, and RETURNING would need to read it back.
 */
export async function insertInvitation(manager: EntityManager, draft: InvitationDraft): Promise<void> {
  await manager.query(
    `INSERT INTO consultations (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, status, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'invited', $8)`,
    [draft.id, draft.clinicId, draft.consultantId, draft.ownerId, draft.petId, draft.startsAt, draft.endsAt,
      draft.reason],
  );
}

/** The owner's answer, 'scheduled' (accepted) or 'declined'; the caller checked under the row lock that it is open. */
export async function setInvitationAnswer(
  manager: EntityManager,
  consultationId: string,
  status: 'scheduled' | 'declined',
): Promise<void> {
  const sql = 'UPDATE consultations SET status = $2, updated_at = now() WHERE id = $1';
  await manager.query(sql, [consultationId, status]);
}

/** The owner's address, read in the owner's own scope: the mail goes there, never to what the consultant typed. */
export async function ownEmail(manager: EntityManager, userId: string): Promise<string | null> {
  const [row] = await manager.query<{ email: string }[]>('SELECT email FROM users WHERE id = $1', [userId]);
  return row?.email ?? null;
}
