import type { ConsultationRoleValue, ConsultationStatusValue, ConsultationView } from '@vetmeet/contracts/client';

export const statusLabels: Record<ConsultationStatusValue, string> = {
  invited: 'Invitation: your answer',
  scheduled: 'Scheduled',
  waiting: 'Waiting room open',
  in_progress: 'In progress',
  ended: 'Ended',
  cancelled: 'Cancelled',
  no_show: 'Missed',
  declined: 'Declined',
  expired: 'Invitation expired',
};

/** The badge colour of each status: live ones stand out, finished ones step back. */
export const statusBadgeClass: Record<ConsultationStatusValue, string> = {
  invited: 'badge badge-warn',
  scheduled: 'badge badge-brand',
  waiting: 'badge badge-warn',
  in_progress: 'badge badge-ok',
  ended: 'badge badge-neutral',
  cancelled: 'badge badge-neutral',
  no_show: 'badge badge-error',
  declined: 'badge badge-neutral',
  expired: 'badge badge-neutral',
};

const FINISHED: readonly ConsultationStatusValue[] = ['ended', 'cancelled', 'no_show', 'declined', 'expired'];

/** Ended, cancelled, missed, or an invitation declined or expired: its room can no longer be joined. */
export const isFinished = (status: ConsultationStatusValue): boolean => FINISHED.includes(status);

/** An invitation the owner has not answered: only they see it, and its room opens once they accept. */
export const isInvitation = (status: ConsultationStatusValue): boolean => status === 'invited';

/** Only a consultation that has not begun can be cancelled; the server has the last word (CONSULTATION_STATE). */
export const canCancel = (status: ConsultationStatusValue): boolean => status === 'scheduled' || status === 'waiting';

export const roleLabels: Record<ConsultationRoleValue, string> = {
  owner: 'Pet owner',
  consultant: 'Consultant',
};

/** The person on the other side of the consultation, from the viewer's point of view. */
export function otherPartyName(consultation: ConsultationView): string {
  return consultation.myRole === 'owner' ? consultation.consultant.displayName : consultation.owner.displayName;
}

export const consultationPath = (consultationId: string) => `/consultations/${encodeURIComponent(consultationId)}`;
export const roomPath = (consultationId: string) => `${consultationPath(consultationId)}/room`;
export const newConsultationPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/consultations/new`;
