import type { ClinicDecisionView } from '@vetmeet/contracts/client';
import { CLINIC_STATUS_LABELS } from './clinic-application-form';

/** What a suspension did to bookings, in words: held times are only released, paid ones refunded in full. */
function cancelledBookings(count: number): string {
  if (count === 0) return '';
  if (count === 1) return ' One upcoming booking was cancelled; its owner is refunded in full if they paid.';
  return ` ${count} upcoming bookings were cancelled; owners who paid are refunded in full.`;
}

/** What the operator reads once a decision is made: the new status, and what it did beyond that. */
export function decisionMessage(decision: ClinicDecisionView): string {
  const status = CLINIC_STATUS_LABELS[decision.clinic.status].toLowerCase();
  const mailed = decision.applicantNotified === false ? ' The email to the applicant could not be sent.' : '';
  return `${decision.clinic.name} is now ${status}.${cancelledBookings(decision.bookingsCancelled)}${mailed}`;
}
