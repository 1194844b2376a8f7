import type { ClinicApplicationView, ClinicStatusValue } from '../clinics/clinic-application-payloads';

/** Platform operators: a role of the platform, not of a clinic. */

export interface OperatorClinicPage {
  items: ClinicApplicationView[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

export interface OperatorClinicListQueryPayload {
  status?: ClinicStatusValue;
  limit?: number;
  cursor?: string;
}

/** What a decision did beyond the clinic's new status. */
export interface ClinicDecisionView {
  clinic: ClinicApplicationView;
  /** Approve and refuse e-mail the applicant; false when the mail could not be sent (the decision stands). */
  applicantNotified: boolean | null;
  /** Suspend: upcoming paid bookings that the background pass is to cancel and refund in full. */
  bookingsToCancel: number;
}

/** How far a suspension's background pass has come: "12 of 40 bookings cancelled and refunded". */
export interface SuspensionProgressView {
  bookingsCancelled: number;
  bookingsToCancel: number;
}

/** One clinic as an operator reviews it: a suspended clinic says how far its bookings' cancelling came. */
export interface OperatorClinicView extends ClinicApplicationView {
  suspension: SuspensionProgressView | null;
}

export interface PlatformOperatorView {
  userId: string;
  email: string;
  displayName: string;
  grantedAt: string;
}

export interface ClinicDecisionReasonPayload {
  reason: string;
}

export interface GrantOperatorPayload {
  email: string;
}
