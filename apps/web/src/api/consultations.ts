import {
  CONSULTATION_LIST_DEFAULT_LIMIT,
  CONSULTATION_LIST_MAX_LIMIT,
  type ChatMessageView,
  type ConsultationInvitationSent,
  type ConsultationListPage,
  type ConsultationListQueryPayload,
  type ConsultationView,
  type CreateConsultationPayload,
  type PetView,
  type SetRoomPasswordPayload,
} from '@vetmeet/contracts/client';
import { toQueryString } from '../directory/directory-filters';
import { api } from './client';
import { postMultipart, type UploadOptions } from './multipart-upload';

const consultationPath = (consultationId: string) => `/consultations/${encodeURIComponent(consultationId)}`;

export const CONSULTATION_LIST_LIMITS = { defaultLimit: CONSULTATION_LIST_DEFAULT_LIMIT, maxLimit: CONSULTATION_LIST_MAX_LIMIT };

/** One page of the person's upcoming or past consultations, as owner or as consultant. */
export const listConsultations = (query: ConsultationListQueryPayload, signal?: AbortSignal) =>
  api.get<ConsultationListPage>(`/consultations${toQueryString(query)}`, { signal });

export const fetchConsultation = (consultationId: string, signal?: AbortSignal) => api.get<ConsultationView>(consultationPath(consultationId), { signal });

/**
 * A consultant, acting in their clinic, invites a registered owner to an on-demand consultation
 * about their pet. The answer is the same whether or not that owner has that pet: the owner
 * accepts or declines, and the consultation appears in the consultant's list once accepted.
 */
export const inviteToConsultation = (clinicId: string, payload: CreateConsultationPayload) =>
  api.post<ConsultationInvitationSent>(`/clinics/${encodeURIComponent(clinicId)}/consultations`, payload, { clinicId });

/** The invited owner's answer; accepting shows the consultant the owner's name and the pet's record. */
export const acceptInvitation = (consultationId: string) => api.post<ConsultationView>(`${consultationPath(consultationId)}/accept`);
export const declineInvitation = (consultationId: string) => api.post<ConsultationView>(`${consultationPath(consultationId)}/decline`);

export const cancelConsultation = (consultationId: string) => api.post<ConsultationView>(`${consultationPath(consultationId)}/cancel`);

/** The owner only: joining then asks for this password. */
export const setRoomPassword = (consultationId: string, payload: SetRoomPasswordPayload) =>
  api.put<ConsultationView>(`${consultationPath(consultationId)}/room-password`, payload);

export const removeRoomPassword = (consultationId: string) => api.deleteReturning<ConsultationView>(`${consultationPath(consultationId)}/room-password`);

/** The record of the consultation's pet, for the owner and the consultant. */
export const fetchConsultationPet = (consultationId: string, signal?: AbortSignal) => api.get<PetView>(`${consultationPath(consultationId)}/pet`, { signal });

/** The chat, with the files shared in it, oldest first; kept with the consultation after the call. */
export const listConsultationMessages = (consultationId: string, signal?: AbortSignal) =>
  api.get<ChatMessageView[]>(`${consultationPath(consultationId)}/messages`, { signal });

/**
 * Shares a file in the consultation; the API also hands it to the room as a chat message.
 * The same clientMessageId sent again (a retry after a drop) stores one message.
 */
export function shareConsultationFile(consultationId: string, file: File, clientMessageId: string, options: UploadOptions = {}): Promise<ChatMessageView> {
  const form = new FormData();
  // Before the file: the server reads the fields that come first while the file streams in.
  form.append('clientMessageId', clientMessageId);
  form.append('file', file, file.name);
  return postMultipart<ChatMessageView>(`${consultationPath(consultationId)}/files`, form, options);
}

/** A shared file's download address: same origin, so the session cookie goes along. */
export const consultationFileUrl = (consultationId: string, fileId: string) => `/api${consultationPath(consultationId)}/files/${encodeURIComponent(fileId)}`;
