import { ErrorCode, type BookingView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { formatPriceOrFree } from '../format/money';

/**
 * What the consultant reads when answering, cancelling or moving a booking failed. A request
 * that changed meanwhile is explained here; a cancel or move the booking's state refuses is
 * the server's sentence, which says what happened (cancelled, started, ended).
 */
export function explainBookingActionError(error: unknown, action: 'accept' | 'decline' | 'cancel' | 'reschedule'): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page. Reload it and try again.';
  switch (error.code) {
    case ErrorCode.BookingState:
      return action === 'accept' || action === 'decline'
        ? 'This request can no longer be answered: the owner cancelled it, or its time has come.'
        : error.message;
    case ErrorCode.ConsultationState:
      return error.message;
    case ErrorCode.SlotTaken:
      return 'That time was just taken by another booking. Choose another one.';
    case ErrorCode.SlotUnavailable:
      return 'That time is not open any more (your hours, time off or notice changed). Choose another one.';
    case ErrorCode.NotFound:
      return 'This booking is no longer in your calendar.';
    case ErrorCode.Forbidden:
      return 'Only the consultant of this booking can do that, acting in its clinic.';
    default:
      return describeApiError(error);
  }
}

const STALE_CODES: readonly ErrorCode[] = [ErrorCode.BookingState, ErrorCode.ConsultationState, ErrorCode.NotFound];

/** Whether the calendar should be loaded again after this failure: the booking (or its call) changed under the page. */
export const isStaleBookingError = (error: unknown): boolean =>
  error instanceof ApiError && STALE_CODES.includes(error.code);

/** What happens to the owner's money when the consultant declines or cancels: always all of it back. */
export function fullRefundSentence(booking: Pick<BookingView, 'owner' | 'price'>): string {
  return booking.price.amount > 0
    ? `${booking.owner.displayName} is refunded in full (${formatPriceOrFree(booking.price.amount, booking.price.currency)}).`
    : 'It was free, so there is nothing to refund.';
}
