import type { ConsentPurposePath, ConsentsView } from '@vetmeet/contracts/client';
import { api } from './client';

const consentsPath = (consultationId: string) => `/consultations/${encodeURIComponent(consultationId)}/consents`;

/** The person's own answers for the consultation, and whether the other agreed to recording. */
export const fetchConsents = (consultationId: string, signal?: AbortSignal) =>
  api.get<ConsentsView>(consentsPath(consultationId), { signal });

/** Records the answer (a withdrawal is a new entry; the same answer again records nothing). */
export const setConsent = (consultationId: string, purpose: ConsentPurposePath, granted: boolean) =>
  api.put<ConsentsView>(`${consentsPath(consultationId)}/${purpose}`, { granted });
