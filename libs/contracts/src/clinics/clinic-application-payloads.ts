/** Clinic onboarding: an account applies for a clinic; a platform operator decides. */

/** pending: applied, waiting for an operator; refused and suspended carry a reason. */
export type ClinicStatusValue = 'pending' | 'approved' | 'refused' | 'suspended';

export const CLINIC_STATUSES: readonly ClinicStatusValue[] = ['pending', 'approved', 'refused', 'suspended'];

export interface ClinicApplicationPayload {
  name: string;
  legalEntity: string;
  /** ISO 3166-1 alpha-2, e.g. UA. */
  country: string;
  /** IANA time zone, e.g. Europe/Kyiv. */
  timeZone: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string;
}

/** A clinic as its applicant and the platform's operators see it; never its patients or staff. */
export interface ClinicApplicationView {
  id: string;
  name: string;
  legalEntity: string | null;
  country: string | null;
  timeZone: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  status: ClinicStatusValue;
  /** Why it was refused or suspended (or reinstated); null otherwise. */
  statusReason: string | null;
  statusChangedAt: string | null;
  appliedAt: string;
}
