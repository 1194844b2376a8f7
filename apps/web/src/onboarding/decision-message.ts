import type { ClinicDecisionView } from '@vetmeet/contracts/client';
import { CLINIC_STATUS_LABELS } from './clinic-application-form';

/**
 * What a suspension starts for bookings, in words: held times are released at once; requested and
 * confirmed bookings (paid) are cancelled and refunded in full by a background pass.
 */
function cancelledBookings(count: number): string {
  if (count === 0) return '';
  if (count === 1) return ' One upcoming booking is being cancelled and its owner refunded in full.';
  return ` ${count} upcoming bookings are being cancelled and their owners refunded in full.`;
}

/** What the operator reads once a decision is made: the new status, and what it did beyond that. */
export function decisionMessage(decision: ClinicDecisionView): string {
  const status = CLINIC_STATUS_LABELS[decision.clinic.status].toLowerCase();
  const mailed = decision.applicantNotified === false ? ' The email to the applicant could not be sent.' : '';
  return `${decision.clinic.name} is now ${status}.${cancelledBookings(decision.bookingsToCancel)}${mailed}`;
}
