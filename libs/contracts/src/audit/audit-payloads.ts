import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/** One audit event as a clinic admin reads it: who, what, on which record, outcome, from where. */
export interface AuditEventView {
  seq: string;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  requestId: string | null;
  /** The event's link in the tamper-evident chain (hex). */
  hash: string;
}

export interface AuditEventPage {
  events: AuditEventView[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}

export class AuditEventsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditExportQuery {
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
