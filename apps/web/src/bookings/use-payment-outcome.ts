import { useEffect, useRef, useState } from 'react';
import type { BookingView } from '@vetmeet/contracts/client';
import { fetchBooking } from '../api/bookings';
import { paymentSettled, pollDelay } from './countdown';

export type PaymentWait = { status: 'idle' } | { status: 'waiting' } | { status: 'settled' } | { status: 'timed-out' };

/**
 * While `active`, asks for the booking again (with backoff, a bounded number of times) until
 * the payment's outcome has reached it through the provider's webhook, handing each answer to
 * `onBooking`. A failed question is just asked again at the next turn.
 */
export function usePaymentOutcome(bookingId: string, active: boolean, onBooking: (booking: BookingView) => void): PaymentWait {
  const [wait, setWait] = useState<PaymentWait>({ status: 'idle' });
  // The latest callback, so a new one on each render does not restart the wait.
  const onBookingRef = useRef(onBooking);
  useEffect(() => {
    onBookingRef.current = onBooking;
  });

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: number | undefined;
    setWait({ status: 'waiting' });

    const ask = (attempt: number) => {
      const delay = pollDelay(attempt);
      if (delay === null) {
        setWait({ status: 'timed-out' });
        return;
      }
      timer = window.setTimeout(() => {
        fetchBooking(bookingId, controller.signal).then(
          (booking) => {
            onBookingRef.current(booking);
            if (paymentSettled(booking.status)) setWait({ status: 'settled' });
            else ask(attempt + 1);
          },
          () => {
            if (!controller.signal.aborted) ask(attempt + 1);
          },
        );
      }, delay);
    };
    ask(0);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [bookingId, active]);

  return wait;
}
