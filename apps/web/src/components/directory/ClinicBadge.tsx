import type { ClinicDirectoryView } from '@vetmeet/contracts/client';
import { clinicAddressLine, clinicLocality } from '../../directory/clinic-lines';

/**
 * The clinic beside a consultant: its logo (decorative, its name is beside it), its name, and
 * where it is, as much as its admins chose to show. `full`: the whole address (profile page).
 */
export function ClinicBadge({ clinic, full = false }: { clinic: ClinicDirectoryView; full?: boolean }) {
  const where = full ? clinicAddressLine(clinic) : clinicLocality(clinic);
  return (
    <span className="clinic-badge" data-testid="clinic-badge">
      {clinic.logoUrl && <img className="clinic-logo" src={clinic.logoUrl} alt="" loading="lazy" />}
      <span>
        {clinic.name}
        {where && <span className="clinic-where"> · {where}</span>}
      </span>
    </span>
  );
}
