import type { AuditEventPage } from '@vetmeet/contracts/client';
import { api, type Download } from './client';

const auditPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/audit-events`;

export interface AuditPageRequest {
  /** The `nextBefore` of the previous page; absent for the newest events. */
  before?: string;
  limit?: number;
}

/** The clinic's events, newest first; clinic admins only (others: FORBIDDEN or NOT_FOUND). */
export function fetchAuditEvents(clinicId: string, { before, limit }: AuditPageRequest, signal?: AbortSignal): Promise<AuditEventPage> {
  const query = new URLSearchParams();
  if (before) query.set('before', before);
  if (limit) query.set('limit', String(limit));
  const search = query.toString() ? `?${query.toString()}` : '';
  return api.get<AuditEventPage>(`${auditPath(clinicId)}${search}`, { clinicId, signal });
}

/** Every event of the clinic, oldest first, one JSON object a line; the export itself is audited. */
export const downloadAuditExport = (clinicId: string): Promise<Download> =>
  api.download(`${auditPath(clinicId)}/export`, { clinicId, accept: 'application/x-ndjson' });
