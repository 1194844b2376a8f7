import { Injectable } from '@nestjs/common';
import type { AuditEventPage, AuditEventView } from '@vetmeet/contracts';
import { Permission } from '../access/permission';
import { AccessPolicy } from '../access/access-policy';
import type { Actor } from '../auth/actor';
import { DatabaseContext } from '../database/database-context';
import { AuditService } from './audit.service';

interface AuditRow {
  chain_seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: AuditEventView['outcome'];
  ip: string | null;
  request_id: string | null;
  hash: Buffer;
}

const COLUMNS = 'chain_seq, occurred_at, actor_user_id, actor_role, action, entity_type, entity_id, outcome, host(ip) AS ip, request_id, hash';
const EXPORT_BATCH = 1_000;

const toView = (row: AuditRow): AuditEventView => ({
  seq: row.chain_seq,
  occurredAt: row.occurred_at.toISOString(),
  actorUserId: row.actor_user_id,
  actorRole: row.actor_role,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  outcome: row.outcome,
  ip: row.ip,
  requestId: row.request_id,
  hash: row.hash.toString('hex'),
});

/** A clinic admin's window on their clinic's audit log: pages to read, and a full export. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async page(actor: Actor, clinicId: string, before: string | undefined, limit = 50): Promise<AuditEventPage> {
    await this.access.require(actor, Permission.AuditRead, clinicId);
    return this.db.runAs(actor, async (manager) => {
      // Row-level security already limits rows to the acting clinic; the WHERE says so too.
      const rows = await manager.query<AuditRow[]>(
        `SELECT ${COLUMNS} FROM audit_events WHERE clinic_id = $1 AND ($2::bigint IS NULL OR chain_seq < $2) ORDER BY chain_seq DESC LIMIT $3`,
        [clinicId, before ?? null, limit + 1],
      );
      await this.audit.record({ action: 'audit.read', entityType: 'audit_log', entityId: clinicId, outcome: 'success' });
      const events = rows.slice(0, limit).map(toView);
      return { events, nextBefore: rows.length > limit ? events[events.length - 1].seq : null };
    });
  }

  /** Every event in the period, oldest first, as JSON lines, fetched in batches (any size fits). */
  async *export(actor: Actor, clinicId: string, period: { from?: string; to?: string }): AsyncGenerator<string> {
    await this.access.require(actor, Permission.AuditExport, clinicId);
    await this.audit.recordIndependently({ action: 'audit.export', entityType: 'audit_log', entityId: clinicId, outcome: 'success' });
    let after = 0n;
    for (;;) {
      const rows = await this.db.runAs(actor, (manager) =>
        manager.query<AuditRow[]>(
          `SELECT ${COLUMNS} FROM audit_events
            WHERE clinic_id = $1 AND chain_seq > $2 AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
            ORDER BY chain_seq LIMIT ${EXPORT_BATCH}`,
          [clinicId, after.toString(), instantOrNull(period.from), instantOrNull(period.to)],
        ),
      );
      for (const row of rows) yield `${JSON.stringify(toView(row))}\n`;
      if (rows.length < EXPORT_BATCH) return;
      after = BigInt(rows[rows.length - 1].chain_seq);
    }
  }
}

/** A validated RFC 3339 timestamp as a Date: PostgreSQL gets the instant, not a text to parse by its own rules. */
function instantOrNull(timestamp: string | undefined): Date | null {
  return timestamp === undefined ? null : new Date(timestamp);
}
