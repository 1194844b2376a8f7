import {
  BOOKING_LIST_DEFAULT_LIMIT,
  BOOKING_LIST_MAX_LIMIT,
  type BookingCreatedView,
  type BookingListPage,
  type BookingListQueryPayload,
  type BookingPaymentStart,
  type BookingView,
  type ConsultantSlotsView,
  type CreateBookingPayload,
  type RescheduleBookingPayload,
  type RescheduleSlotsQueryPayload,
  type TestPaymentOutcome,
  type TestPaymentPayload,
} from '@vetmeet/contracts/client';
import { toQueryString } from '../directory/directory-filters';
import { api } from './client';

const bookingPath = (bookingId: string) => `/bookings/${encodeURIComponent(bookingId)}`;

/** Holds the slot while the owner pays; SLOT_TAKEN or SLOT_UNAVAILABLE when it is no longer free. */
export const createBooking = (payload: CreateBookingPayload) => api.post<BookingCreatedView>('/bookings', payload);

export const BOOKING_LIST_LIMITS = { defaultLimit: BOOKING_LIST_DEFAULT_LIMIT, maxLimit: BOOKING_LIST_MAX_LIMIT };

/** One page of the person's upcoming or past bookings on one side: as the owner, or as the consultant. */
export const listBookings = (query: BookingListQueryPayload, signal?: AbortSignal) => api.get<BookingListPage>(`/bookings${toQueryString(query)}`, { signal });

export const fetchBooking = (bookingId: string, signal?: AbortSignal) => api.get<BookingView>(bookingPath(bookingId), { signal });

/** Local test payment mode only: stands in for the card form; no money moves. */
export const payWithTestCard = (bookingId: string, outcome: TestPaymentOutcome) => api.post<BookingView>(`${bookingPath(bookingId)}/test-payment`, { outcome } satisfies TestPaymentPayload);

export const cancelBooking = (bookingId: string) => api.post<BookingView>(`${bookingPath(bookingId)}/cancel`);

export const rescheduleBooking = (bookingId: string, startsAt: string) => api.post<BookingView>(`${bookingPath(bookingId)}/reschedule`, { startsAt } satisfies RescheduleBookingPayload);

/** The payment form's start again (the same PaymentIntent), for the owner while the booking is held; BOOKING_STATE otherwise. */
export const fetchPaymentStart = (bookingId: string, signal?: AbortSignal) => api.get<BookingPaymentStart>(`${bookingPath(bookingId)}/payment`, { signal });

/** The consultant's free times of the booking's length, with the booking's own time counted as free (owner or consultant only). */
export const fetchRescheduleSlots = (bookingId: string, query: RescheduleSlotsQueryPayload, signal?: AbortSignal) =>
  api.get<ConsultantSlotsView>(`${bookingPath(bookingId)}/reschedule-slots${toQueryString(query)}`, { signal });
