import type { AuditEventView } from '@vetmeet/contracts/client';
import { roleLabels } from './memberships';

/** Roles as the audit log records them: the actor's clinic roles joined by commas, or owner or operator. */
const actorRoleLabels: Record<string, string> = {
  ...roleLabels,
  owner: 'Pet owner',
  operator: 'Operator',
};

export function describeActorRole(actorRole: string | null): string | null {
  if (!actorRole) return null;
  return actorRole
    .split(',')
    .map((role) => actorRoleLabels[role] ?? role)
    .join(', ');
}

export const outcomeLabels: Record<AuditEventView['outcome'], string> = {
  success: 'Success',
  failure: 'Failure',
  denied: 'Denied',
};

/** The first block of a UUID: enough to tell ids apart on screen; the export has them whole. */
export const shortId = (id: string): string => id.split('-')[0] ?? id;

/** The audit export's file name when the server suggests none. */
export const auditExportFileName = (clinicId: string) => `audit-${clinicId}.ndjson`;
