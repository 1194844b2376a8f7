import type { AuditRecord } from '../audit/audit.service';

/** An operator's audit event: the actor role 'operator', and no clinic, as operators act in none. */
export function operatorEvent(
  entityType: 'clinic' | 'platform_operator',
  action: string,
  outcome: AuditRecord['outcome'],
  entityId?: string,
): AuditRecord {
  return { action, entityType, entityId: entityId ?? null, outcome, clinicId: null, actorRole: 'operator' };
}
