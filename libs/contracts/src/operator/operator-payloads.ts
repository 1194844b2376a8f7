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
  /** Suspend: upcoming bookings cancelled (and refunded in full when paid). */
  bookingsCancelled: number;
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
