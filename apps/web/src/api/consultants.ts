import type { ConsultantDirectoryPage, ConsultantDirectoryQueryPayload, ConsultantPublicView, ConsultantSlotsQueryPayload, ConsultantSlotsView } from '@vetmeet/contracts/client';
import { toQueryString } from '../directory/directory-filters';
import { api } from './client';

const consultantPath = (consultantId: string) => `/consultants/${encodeURIComponent(consultantId)}`;

/** One page of published consultants matching the filters; anyone may ask. */
export const listConsultants = (query: ConsultantDirectoryQueryPayload, signal?: AbortSignal) =>
  api.get<ConsultantDirectoryPage>(`/consultants${toQueryString(query)}`, { signal });

export const fetchConsultant = (consultantId: string, signal?: AbortSignal) => api.get<ConsultantPublicView>(consultantPath(consultantId), { signal });

/** Free slots of one length in [from, to), formatted in the viewer's zone. */
export const fetchConsultantSlots = (consultantId: string, query: ConsultantSlotsQueryPayload, signal?: AbortSignal) =>
  api.get<ConsultantSlotsView>(`${consultantPath(consultantId)}/slots${toQueryString(query)}`, { signal });
