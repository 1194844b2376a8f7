import type { ClinicStatusValue } from '@vetmeet/contracts/client';
import { CLINIC_STATUS_BADGES, CLINIC_STATUS_LABELS } from '../onboarding/clinic-application-form';

/** Where a clinic stands, in words (the colour only repeats them). */
export function ClinicStatusBadge({ status }: { status: ClinicStatusValue }) {
  return <span className={CLINIC_STATUS_BADGES[status]}>{CLINIC_STATUS_LABELS[status]}</span>;
}
