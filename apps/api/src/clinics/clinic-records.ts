import type {
  ClinicApplicationPayload,
  ClinicApplicationView,
  ClinicStatusValue,
  SuspensionProgressView,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { decodeKeysetCursor, encodeKeysetCursor, UUID_PATTERN } from '../common/keyset-cursor';

/** A clinics row as onboarding reads it (under the caller's row-level security). */
export interface ClinicRow {
  id: string;
  name: string;
  legal_entity: string | null;
  country: string | null;
  time_zone: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  applicant_user_id: string | null;
  status: ClinicStatusValue;
  status_reason: string | null;
  status_changed_at: Date | null;
  created_at: Date;
  /** The moment to the microsecond, for keyset cursors. */
  position: string;
}

/** A suspended clinic's booking to wind down; a hold comes back already expired. */
export interface SuspendedBooking {
  booking_id: string;
  consultant_id: string;
  status: 'expired' | 'pending_acceptance' | 'confirmed';
}

export interface ClinicPage {
  rows: ClinicRow[];
  nextCursor: string | null;
}

export interface StatusMove {
  from: ClinicStatusValue;
  to: ClinicStatusValue;
  reason: string | null;
}

export interface ClinicPageQuery {
  status?: ClinicStatusValue;
  limit: number;
  cursor?: string;
}

const COLUMNS = `id, name, legal_entity, country, time_zone, contact_name, contact_email, contact_phone,
  applicant_user_id, status, status_reason, status_changed_at, created_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position`;
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC';

export function toClinicView(row: ClinicRow): ClinicApplicationView {
  return {
    id: row.id,
    name: row.name,
    legalEntity: row.legal_entity,
    country: row.country,
    timeZone: row.time_zone,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    appliedAt: row.created_at.toISOString(),
  };
}

/** The SQL of clinics for onboarding; each function runs in the transaction it is handed. */
export const ClinicRecords = {
  /** As the applicant: row-level security (clinics_apply) admits only a pending clinic of a verified applicant. */
  async insertApplication(manager: EntityManager, id: string, applicantId: string, request: ClinicApplicationPayload) {
    const [row] = await manager.query<ClinicRow[]>(
      `INSERT INTO clinics (id, name, legal_entity, country, time_zone, contact_name, contact_email, contact_phone,
         applicant_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        id,
        request.name.trim(),
        request.legalEntity.trim(),
        request.country,
        request.timeZone,
        request.contactName.trim(),
        request.contactEmail,
        request.contactPhone?.trim() || null,
        applicantId,
      ],
    );
    return row;
  },

  applicationsOf(manager: EntityManager, applicantId: string): Promise<ClinicRow[]> {
    return manager.query<ClinicRow[]>(`SELECT ${COLUMNS} FROM clinics WHERE applicant_user_id = $1 ${NEWEST_FIRST}`, [
      applicantId,
    ]);
  },

  async hasPendingApplication(manager: EntityManager, applicantId: string): Promise<boolean> {
    const sql = `SELECT 1 FROM clinics WHERE applicant_user_id = $1 AND status = 'pending'`;
    return (await manager.query<unknown[]>(sql, [applicantId])).length > 0;
  },

  async find(manager: EntityManager, clinicId: string): Promise<ClinicRow | null> {
    const [row] = await manager.query<ClinicRow[]>(`SELECT ${COLUMNS} FROM clinics WHERE id = $1`, [clinicId]);
    return row ?? null;
  },

  /** Newest first, keyset-paged on (created_at, id); `status` narrows it. What the caller may see only. */
  async page(manager: EntityManager, query: ClinicPageQuery): Promise<ClinicPage> {
    const identity = ['clinics', query.status ?? 'all'];
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.cursor !== undefined) {
      const [, , position, id] = decodeKeysetCursor(
        query.cursor,
        identity.length + 2,
        (key) => key[0] === identity[0] && key[1] === identity[1] && POSITION.test(key[2]) && UUID_PATTERN.test(key[3]),
        'the nextCursor of this same list (same status)',
      );
      where.push(`(created_at, id) < ($${params.push(position)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const rows = await manager.query<ClinicRow[]>(
      `SELECT ${COLUMNS} FROM clinics WHERE ${where.join(' AND ')} ${NEWEST_FIRST} LIMIT ${query.limit + 1}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit ? encodeKeysetCursor([...identity, last.position, last.id]) : null;
    return { rows: page, nextCursor };
  },

  /** Operators only (the function refuses anyone else): false when the clinic was not in `from`. */
  async setStatus(manager: EntityManager, clinicId: string, move: StatusMove): Promise<boolean> {
    const [row] = await manager.query<{ changed: boolean }[]>('SELECT clinic_set_status($1, $2, $3, $4) AS changed', [
      clinicId,
      move.from,
      move.to,
      move.reason,
    ]);
    return row.changed;
  },

  /** Operators only, for a suspended clinic: expires its live holds and answers them with its paid bookings to come. */
  suspensionBookings(manager: EntityManager, clinicId: string): Promise<SuspendedBooking[]> {
    return manager.query<SuspendedBooking[]>('SELECT * FROM clinic_suspension_bookings($1)', [clinicId]);
  },

  /** Operators only, for a suspended clinic: expires its waiting invitations, cancels its on-demand consultations to come. */
  async suspensionConsultations(manager: EntityManager, clinicId: string): Promise<number> {
    const rows = await manager.query<unknown[]>('SELECT * FROM clinic_suspension_consultations($1)', [clinicId]);
    return rows.length;
  },

  /** Operators only: how far a suspended clinic's background pass has come (null when not suspended). */
  async suspensionProgress(manager: EntityManager, clinicId: string): Promise<SuspensionProgressView | null> {
    const sql = 'SELECT done, remaining FROM clinic_suspension_progress($1)';
    const [row] = await manager.query<{ done: number; remaining: number }[]>(sql, [clinicId]);
    return row ? { bookingsCancelled: row.done, bookingsToCancel: row.done + row.remaining } : null;
  },

  /** Whether the clinic is approved (app_clinic_is_approved): anyone may ask, it answers nothing else. */
  async isApproved(manager: EntityManager, clinicId: string): Promise<boolean> {
    const [row] = await manager.query<{ approved: boolean }[]>('SELECT app_clinic_is_approved($1) AS approved', [clinicId]);
    return row.approved;
  },

  /** The address of the account that applied, as an operator reads it (users_seen_by_operators). */
  async applicantEmail(manager: EntityManager, applicantId: string): Promise<string | null> {
    const [row] = await manager.query<{ email: string }[]>('SELECT email FROM users WHERE id = $1', [applicantId]);
    return row?.email ?? null;
  },
};
