import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsPositiveBigintString } from '../validation/bigint-string';
import { IsTimestamp } from '../validation/timestamp';

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
  /** A chain position (bigint), as the decimal string `nextBefore` gave. */
  @IsOptional()
  @IsPositiveBigintString()
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditExportQuery {
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @IsOptional()
  @IsTimestamp()
  to?: string;
}
