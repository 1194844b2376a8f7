/**
 * Consultations: one owner, one pet, one consultant of one clinic, at a scheduled time.
 * Shapes shared by the API and the web client (no validation library here).
 */

/**
 * 'invited': a consultant asked for an on-demand consultation and the owner has not answered
 * yet; only the owner sees it. 'declined' (by the owner) and 'expired' (unanswered when its
 * join window closed) end an invitation; the consultant never sees either.
 */
export type ConsultationStatusValue =
  | 'invited'
  | 'scheduled'
  | 'waiting'
  | 'in_progress'
  | 'ended'
  | 'cancelled'
  | 'no_show'
  | 'declined'
  | 'expired';

export const CONSULTATION_STATUSES: readonly ConsultationStatusValue[] = [
  'invited',
  'scheduled',
  'waiting',
  'in_progress',
  'ended',
  'cancelled',
  'no_show',
  'declined',
  'expired',
];

/** A participant's part in a consultation. */
export type ConsultationRoleValue = 'owner' | 'consultant';

/** Shortest and longest consultation a consultant may schedule, in minutes. */
export const CONSULTATION_MIN_MINUTES = 5;
export const CONSULTATION_MAX_MINUTES = 180;

/** A room password is a shared secret people type, not an account password: short is fine, guessing is rate limited. */
export const ROOM_PASSWORD_MIN_LENGTH = 6;
export const ROOM_PASSWORD_MAX_LENGTH = 64;

/**
 * An invitation to an on-demand consultation, sent by a consultant (acting in their clinic)
 * to a registered owner. The owner is named by e-mail and the pet by its name, as the owner
 * would say them on the phone: a consultant never browses an owner's pets. The answer is the
 * same whether or not that owner has that pet (ConsultationInvitationSent); the owner accepts
 * or declines, and only an accepted one shows the consultant the owner and the pet.
 */
export interface CreateConsultationPayload {
  ownerEmail: string;
  petName: string;
  /** ISO 8601 with offset; absent means now. May not lie in the past (a minute's slack for clocks). */
  startsAt?: string;
  durationMinutes: number;
  /** Why the owner wants the consultation, as they told it; shown to both. */
  reason?: string | null;
}

/** The one answer to an invitation request (202), whoever the e-mail and pet name belong to. */
export interface ConsultationInvitationSent {
  message: string;
}

export const CONSULTATION_INVITATION_SENT_MESSAGE =
  'If that owner has a pet of that name, they have been invited and the consultation appears in your list once they accept.';

export interface SetRoomPasswordPayload {
  password: string;
}

/** Of the owner, a consultant sees only what the service needs (VetPet policy, section 4). */
export interface ConsultationOwnerView {
  id: string;
  displayName: string;
  country: string;
  timeZone: string;
}

export interface ConsultationConsultantView {
  id: string;
  displayName: string;
}

export interface ConsultationPetSummary {
  id: string;
  name: string;
  species: string;
}

export interface ConsultationView {
  id: string;
  clinic: { id: string; name: string };
  status: ConsultationStatusValue;
  startsAt: string;
  endsAt: string;
  reason: string | null;
  pet: ConsultationPetSummary;
  owner: ConsultationOwnerView;
  consultant: ConsultationConsultantView;
  /** The asking person's part in it. */
  myRole: ConsultationRoleValue;
  /** Whether joining asks for the room password the owner set (never the password itself). */
  roomPasswordSet: boolean;
  /** Whether the consultant locked the room: nobody without a place in it may join. */
  roomLocked: boolean;
  /** The room can be joined from joinOpensAt until joinClosesAt (a configured window around the times). */
  joinOpensAt: string;
  joinClosesAt: string;
  /** When the call really began (the consultant first admitted the owner) and ended; null until then. */
  startedAt: string | null;
  endedAt: string | null;
  /** The booking it came from, or null (an invitation): a booked one is cancelled or moved through its booking, whose refund policy applies. */
  bookingId: string | null;
  createdAt: string;
}

export const CONSULTATION_LIST_DEFAULT_LIMIT = 50;
export const CONSULTATION_LIST_MAX_LIMIT = 100;

/**
 * 'upcoming': invited (the owner's alone), scheduled, waiting or in progress while its room can
 * still be joined, soonest first; 'past': ended, cancelled, missed, declined, expired or with its
 * room closed, latest first.
 */
export type ConsultationListPeriod = 'upcoming' | 'past';

/** GET /consultations: the person's consultations (either side), a page at a time. */
export interface ConsultationListQueryPayload {
  period: ConsultationListPeriod;
  /** 1 to CONSULTATION_LIST_MAX_LIMIT; CONSULTATION_LIST_DEFAULT_LIMIT when left out. */
  limit?: number;
  /** The previous page's nextCursor, with the same period. */
  cursor?: string;
}

export interface ConsultationListPage {
  items: ConsultationView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
