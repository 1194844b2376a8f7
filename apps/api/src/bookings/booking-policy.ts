import type { BookingPolicyView, BookingRoleValue, ConsultationStatusValue } from '@vetmeet/contracts';
import { BookingStatus } from './booking.entity';

/**
 * The stated cancellation and reschedule policy, as pure rules:
 * - an owner may cancel until the start; up to `fullRefundNoticeHours` before it they get
 *   everything back, after that nothing (a hold, not yet paid, simply lapses with no charge);
 * - an owner may reschedule only while a cancellation would still be refunded in full
 *   (otherwise a reschedule would dodge the policy);
 * - a consultant may cancel or reschedule until the start and always refunds in full;
 * - nobody cancels or moves a booking whose consultation has started (the room opens before
 *   the booked start), ended or was missed: that would rewrite a call that took place.
 */
export interface BookingPolicyInput {
  status: BookingStatus;
  startsAt: Date;
  priceAmount: number;
  fullRefundNoticeHours: number;
  /** The status of the consultation the booking became; null while there is none. */
  consultationStatus: ConsultationStatusValue | null;
}

const OPEN_STATUSES = new Set([BookingStatus.Held, BookingStatus.PendingAcceptance, BookingStatus.Confirmed]);
const PAID_STATUSES = new Set([BookingStatus.PendingAcceptance, BookingStatus.Confirmed]);

/** Before its call: nobody was admitted yet (the owner may wait in the waiting room). */
export const consultationNotStarted = (status: ConsultationStatusValue | null): boolean =>
  status === null || status === 'scheduled' || status === 'waiting';

export function fullRefundUntil(booking: Pick<BookingPolicyInput, 'startsAt' | 'fullRefundNoticeHours'>): Date {
  return new Date(booking.startsAt.getTime() - booking.fullRefundNoticeHours * 3_600_000);
}

export function canCancel(booking: BookingPolicyInput, role: BookingRoleValue, now: Date): boolean {
  if (!OPEN_STATUSES.has(booking.status) || now >= booking.startsAt) return false;
  if (!consultationNotStarted(booking.consultationStatus)) return false;
  // A consultant answers a request by accepting or declining it; a hold is the owner's to drop.
  return role === 'owner' || booking.status === BookingStatus.Confirmed;
}

export function canReschedule(booking: BookingPolicyInput, role: BookingRoleValue, now: Date): boolean {
  if (!PAID_STATUSES.has(booking.status) || now >= booking.startsAt) return false;
  if (!consultationNotStarted(booking.consultationStatus)) return false;
  return role === 'consultant' || now <= fullRefundUntil(booking);
}

/** Minor units refunded when `role` cancels now; 0 for an unpaid hold. */
export function cancellationRefund(booking: BookingPolicyInput, role: BookingRoleValue, now: Date): number {
  if (!PAID_STATUSES.has(booking.status)) return 0;
  if (role === 'consultant') return booking.priceAmount;
  return now <= fullRefundUntil(booking) ? booking.priceAmount : 0;
}

export function policyView(booking: BookingPolicyInput, role: BookingRoleValue, now: Date): BookingPolicyView {
  return {
    fullRefundUntil: fullRefundUntil(booking).toISOString(),
    canCancel: canCancel(booking, role, now),
    canReschedule: canReschedule(booking, role, now),
  };
}
