import type { BookingPaymentSummary, BookingStatusValue, BookingView } from '@vetmeet/contracts/client';
import { formatPrice } from '../format/money';

export const bookingStatusLabels: Record<BookingStatusValue, string> = {
  held: 'Awaiting payment',
  pending_acceptance: 'Waiting for the vet',
  confirmed: 'Confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  expired: 'Expired',
  no_show: 'Missed',
};

/** Live ones stand out, finished ones step back. */
export const bookingStatusBadgeClass: Record<BookingStatusValue, string> = {
  held: 'badge badge-warn',
  pending_acceptance: 'badge badge-warn',
  confirmed: 'badge badge-ok',
  declined: 'badge badge-error',
  cancelled: 'badge badge-neutral',
  expired: 'badge badge-neutral',
  no_show: 'badge badge-error',
};

/** The whole hours of notice the policy asks for: the gap between the refund deadline and the start. */
export function refundNoticeHours(booking: BookingView): number {
  return Math.round((Date.parse(booking.startsAt) - Date.parse(booking.policy.fullRefundUntil)) / 3_600_000);
}

/** Past the instant up to which an owner's cancellation is refunded in full. */
export const refundDeadlinePassed = (booking: BookingView, now: number): boolean => now > Date.parse(booking.policy.fullRefundUntil);

export type OwnerCancellationOutcome = { kind: 'unpaid' } | { kind: 'full'; amount: number } | { kind: 'none' };

/**
 * What the owner gets back if they cancel at `now`, by the stated policy: an unpaid hold
 * costs nothing; a paid booking is refunded in full up to the deadline, not at all after it.
 * The server decides; this is what the dialog tells them beforehand.
 */
export function ownerCancellationOutcome(booking: BookingView, now: number): OwnerCancellationOutcome {
  if (booking.status === 'held' || !booking.payment || booking.payment.status === 'requires_payment' || booking.price.amount === 0) return { kind: 'unpaid' };
  return refundDeadlinePassed(booking, now) ? { kind: 'none' } : { kind: 'full', amount: booking.price.amount };
}

/** One line on where the money stands: "Paid €45.00", "€45.00 refunded", "Refund of €45.00 pending". */
export function paymentStateLabel(payment: BookingPaymentSummary | null): string {
  if (!payment) return 'Nothing to pay';
  const money = (amount: number) => formatPrice(amount, payment.currency);
  const pending = payment.refunds.filter((refund) => refund.status === 'pending').reduce((sum, refund) => sum + refund.amount, 0);
  const failed = payment.refunds.some((refund) => refund.status === 'failed');
  if (pending > 0) return `Refund of ${money(pending)} pending`;
  switch (payment.status) {
    case 'requires_payment':
      return 'Not paid';
    case 'canceled':
      return 'Payment cancelled, nothing charged';
    case 'refunded':
      return `${money(payment.amountRefunded)} refunded`;
    case 'partially_refunded':
      return `Paid ${money(payment.amount)}, ${money(payment.amountRefunded)} refunded`;
    case 'succeeded':
      return failed ? `Paid ${money(payment.amount)}; a refund failed, the clinic will be in touch` : `Paid ${money(payment.amount)}`;
  }
}

export const refundReasonLabels: Record<string, string> = {
  declined: 'The vet declined the request',
  cancelled_by_owner: 'You cancelled',
  cancelled_by_consultant: 'The vet cancelled',
  slot_lost: 'The time was no longer free when the payment arrived',
};

export const bookingPath = (bookingId: string) => `/bookings/${encodeURIComponent(bookingId)}`;
export const bookingPayPath = (bookingId: string) => `${bookingPath(bookingId)}/pay`;
export const consultantProfilePath = (consultantId: string) => `/consultants/${encodeURIComponent(consultantId)}`;

/** The profile's address with the slot picker's length and week, so Back and a returning booking land on the same week. */
export function consultantSlotsPath(consultantId: string, minutes: number, week: string): string {
  return `${consultantProfilePath(consultantId)}?${new URLSearchParams({ minutes: String(minutes), week }).toString()}`;
}

/** The booking form for one slot. */
export function bookSlotPath(consultantId: string, startsAt: string, durationMinutes: number): string {
  return `${consultantProfilePath(consultantId)}/book?${new URLSearchParams({ start: startsAt, minutes: String(durationMinutes) }).toString()}`;
}
