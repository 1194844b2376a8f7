import type {
  ClinicApplicationPayload,
  ClinicApplicationView,
  ClinicDecisionView,
  ClinicStatusValue,
  OperatorClinicPage,
  OperatorClinicView,
  PlatformOperatorView,
} from '@vetmeet/contracts/client';
import { api } from './client';
import type { PageRequest } from './use-paged-list';

/** Applies as the signed-in account; EMAIL_NOT_VERIFIED, CLINIC_APPLICATION_PENDING or VALIDATION_FAILED otherwise. */
export const applyForClinic = (payload: ClinicApplicationPayload) =>
  api.post<ClinicApplicationView>('/clinic-applications', payload);

export const listMyClinicApplications = (signal?: AbortSignal) =>
  api.get<ClinicApplicationView[]>('/clinic-applications/mine', { signal });

const clinicPath = (clinicId: string) => `/operator/clinics/${encodeURIComponent(clinicId)}`;

/** Platform operators only (PLATFORM_OPERATOR_REQUIRED): clinics newest first, narrowed to one status. */
export function listOperatorClinics(status: ClinicStatusValue | '', page: PageRequest, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (page.cursor) query.set('cursor', page.cursor);
  if (page.limit) query.set('limit', String(page.limit));
  const search = query.toString();
  return api.get<OperatorClinicPage>(`/operator/clinics${search ? `?${search}` : ''}`, { signal });
}

export const fetchOperatorClinic = (clinicId: string, signal?: AbortSignal) =>
  api.get<OperatorClinicView>(clinicPath(clinicId), { signal });

export type ClinicDecisionName = 'approve' | 'refuse' | 'suspend' | 'reinstate';

/** Approve needs no reason; the others say why (the applicant reads a refusal's). */
export const decideClinic = (clinicId: string, decision: ClinicDecisionName, reason?: string) =>
  api.post<ClinicDecisionView>(`${clinicPath(clinicId)}/${decision}`, reason === undefined ? {} : { reason });

export const listOperators = (signal?: AbortSignal) =>
  api.get<PlatformOperatorView[]>('/operator/operators', { signal });

export const grantOperator = (email: string) =>
  api.post<{ userId: string; granted: boolean }>('/operator/operators', { email });

/** LAST_PLATFORM_OPERATOR when it is the last one. */
export const revokeOperator = (userId: string) => api.delete(`/operator/operators/${encodeURIComponent(userId)}`);
