import type { BookingConsentsPayload } from '../consents/consent-payloads';
import type { ConsultationStatusValue } from '../consultations/consultation-payloads';

/**
 * Bookings: an owner's claim on a consultant's time, from the hold while they pay to the
 * outcome. Shapes shared by the API and the web client (no validation library here).
 */

export type BookingStatusValue = 'held' | 'pending_acceptance' | 'confirmed' | 'declined' | 'cancelled' | 'expired' | 'no_show';

export const BOOKING_STATUSES: readonly BookingStatusValue[] = ['held', 'pending_acceptance', 'confirmed', 'declined', 'cancelled', 'expired', 'no_show'];

export type BookingRoleValue = 'owner' | 'consultant';

/**
 * Where the consultation a confirmed booking became stands, and when the call really took
 * place: startedAt when the consultant first admitted the owner, endedAt when it ended (null
 * until then; a consultation the join window closed on while in progress ends at that close).
 */
export interface BookingConsultationState {
  status: ConsultationStatusValue;
  startedAt: string | null;
  endedAt: string | null;
}

/** What the owner tells the consultant about the visit; shown to both, never put in an email. */
export const BOOKING_REASON_MAX_LENGTH = 1000;
/** Photos from the pet's record the owner shares with the consultant for this booking. */
export const BOOKING_MAX_PHOTOS = 5;

export interface CreateBookingPayload {
  consultantId: string;
  petId: string;
  /** ISO 8601 instant of one of the consultant's slots (GET /consultants/:id/slots). */
  startsAt: string;
  /** One of the lengths the consultant offers; the price is the consultant's for that length. */
  durationMinutes: number;
  reason: string;
  /** Ids of image attachments of the pet, shared with the consultant for this booking only. */
  photoAttachmentIds?: string[];
  /** The owner's answers to recording and support review; only a true one is recorded. Nothing is pre-ticked. */
  consents?: BookingConsentsPayload;
}

export interface RescheduleBookingPayload {
  /** Another of the consultant's slots, same length. */
  startsAt: string;
}

export type TestPaymentOutcome = 'succeeded' | 'declined';

/** Local test payment mode only: stands in for the card form. */
export interface TestPaymentPayload {
  outcome: TestPaymentOutcome;
}

export interface BookingPrice {
  /** Minor units (cents). */
  amount: number;
  /** ISO 4217. */
  currency: string;
}

export type BookingPaymentStatusValue = 'requires_payment' | 'succeeded' | 'canceled' | 'refunded' | 'partially_refunded';

export interface BookingPaymentSummary {
  status: BookingPaymentStatusValue;
  amount: number;
  amountRefunded: number;
  currency: string;
  /** Refunds requested and what became of them (the provider confirms each by webhook). */
  refunds: { amount: number; status: 'pending' | 'succeeded' | 'failed'; reason: string; createdAt: string }[];
  /** The provider's code for the last failed attempt (card_declined, insufficient_funds, ...); null when none failed. Never a card detail. */
  lastFailureCode: string | null;
}

/** Who cancelled, and what that meant for the money. */
export interface BookingCancellation {
  by: BookingRoleValue;
  at: string;
  /** Minor units refunded (or to be refunded) under the policy; 0 when the notice had passed. */
  refundAmount: number;
}

export interface BookingPolicyView {
  /** Until this instant an owner's cancellation or reschedule is refunded in full; after it, not at all. A consultant's cancellation always is. */
  fullRefundUntil: string;
  canCancel: boolean;
  canReschedule: boolean;
}

export interface BookingView {
  id: string;
  status: BookingStatusValue;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  reason: string;
  price: BookingPrice;
  /** While held: the slot is the owner's until then. */
  holdExpiresAt: string | null;
  clinic: { id: string; name: string };
  consultant: { id: string; displayName: string; timeZone: string };
  /** Of the owner, a consultant sees only name, country and time zone. */
  owner: { id: string; displayName: string; country: string; timeZone: string };
  pet: { id: string; name: string; species: string };
  photos: { id: string; fileName: string; contentType: string }[];
  myRole: BookingRoleValue;
  /** The consultation this booking became once confirmed (its room is joined from there). */
  consultationId: string | null;
  /** When that consultation's room opens and closes (as GET /consultations says); null without a consultation. */
  joinOpensAt: string | null;
  joinClosesAt: string | null;
  /** That consultation's status and actual times; null without one. Once its call began, nobody moves or cancels it. */
  consultation: BookingConsultationState | null;
  payment: BookingPaymentSummary | null;
  cancellation: BookingCancellation | null;
  policy: BookingPolicyView;
  createdAt: string;
}

/** A week or so of the booking consultant's free times of the booking's length, for moving it (GET /bookings/:id/reschedule-slots). */
export interface RescheduleSlotsQueryPayload {
  /** ISO 8601 instant, or a date YYYY-MM-DD meaning its midnight in `timeZone`. */
  from: string;
  to: string;
  /** The viewer's IANA zone: the slots are formatted in it. */
  timeZone: string;
}

/** What the owner needs to pay for a new booking (when it is made, or again from GET /bookings/:id/payment while it is held). */
export interface BookingPaymentStart {
  /** 'local_test': no money moves; the web shows a labelled test form instead of Stripe's. */
  mode: 'stripe' | 'local_test';
  clientSecret: string;
  publishableKey: string | null;
  amount: number;
  currency: string;
}

export interface BookingCreatedView {
  booking: BookingView;
  /** Null for a free consultation: nothing to pay. */
  payment: BookingPaymentStart | null;
}

export const BOOKING_LIST_DEFAULT_LIMIT = 50;
export const BOOKING_LIST_MAX_LIMIT = 100;

/**
 * 'upcoming': held, requested or confirmed and not over yet, soonest first (a consultation in
 * progress stays here until it ends, even past its booked end); 'past': everything else (over,
 * its consultation ended or missed, declined, cancelled, lapsed, no-show), most recent first.
 */
export type BookingListPeriod = 'upcoming' | 'past';

/** GET /bookings: one side's bookings, a page at a time. */
export interface BookingListQueryPayload {
  /** The bookings the viewer made as an owner, or those made with them as the consultant (once requested). */
  as: BookingRoleValue;
  period: BookingListPeriod;
  /** Only those of this clinic (a consultant's calendar is per clinic). */
  clinicId?: string;
  /** 1 to BOOKING_LIST_MAX_LIMIT; BOOKING_LIST_DEFAULT_LIMIT when left out. */
  limit?: number;
  /** The previous page's nextCursor, with the same `as`, `period` and `clinicId`. */
  cursor?: string;
}

export interface BookingListPage {
  items: BookingView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
