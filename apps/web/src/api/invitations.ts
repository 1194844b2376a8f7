import type { CreateInvitationPayload, InvitationPreview, InvitationView, MembershipView } from '@vetmeet/contracts/client';
import { api } from './client';

const invitationsPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/invitations`;

/** What an invitation link offers, for anyone holding it; INVITATION_INVALID when it was withdrawn or used. */
export const previewInvitation = (token: string, signal?: AbortSignal) => api.post<InvitationPreview>('/invitations/preview', { token }, { signal });

/** Joins the clinic; FORBIDDEN when the signed-in account has another address than the one invited. */
export const acceptInvitation = (token: string) => api.post<MembershipView>('/invitations/accept', { token });

/** Clinic admins only: e-mails a link to join the clinic in the role. */
export const inviteStaff = (clinicId: string, payload: CreateInvitationPayload) => api.post<InvitationView>(invitationsPath(clinicId), payload, { clinicId });

export const listInvitations = (clinicId: string, signal?: AbortSignal) => api.get<InvitationView[]>(invitationsPath(clinicId), { clinicId, signal });

/** The link stops working at once. */
export const withdrawInvitation = (clinicId: string, invitationId: string) => api.delete(`${invitationsPath(clinicId)}/${encodeURIComponent(invitationId)}`, { clinicId });
