import type { ConsultantBookingPolicy } from '@vetmeet/contracts/client';
import { formatLeadTime } from '../format/time-range';

const minutesPhrase = (minutes: number) => (minutes === 1 ? '1 minute' : `${minutes} minutes`);

/** The platform's terms before booking, from the consultant's view (BOOKING_FULL_REFUND_NOTICE_HOURS, BOOKING_HOLD_MINUTES). */
export function bookingPolicySentence(policy: ConsultantBookingPolicy, priceAmount: number): string {
  if (priceAmount === 0) return 'This consultation is free: there is nothing to pay or refund.';
  return (
    `Full refund if you cancel at least ${formatLeadTime(policy.fullRefundNoticeHours)} before the start; no refund after that. ` +
    `When you book, the time is held for ${minutesPhrase(policy.holdMinutes)} while you pay.`
  );
}
