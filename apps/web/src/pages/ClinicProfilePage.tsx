import { useCallback } from 'react';
import type { ClinicProfileView } from '@vetmeet/contracts/client';
import { fetchClinicProfile } from '../api/clinic-profile';
import { useResource } from '../api/use-resource';
import { ClinicLogoSection } from '../components/clinic/ClinicLogoSection';
import { ClinicProfileForm } from '../components/clinic/ClinicProfileForm';
import { LoadFailure } from '../components/LoadFailure';
import { clinicPath, clinicsOf } from '../clinics/memberships';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/** The clinic's profile, for its admins: details, logo, defaults, and what the directory shows. */
export function ClinicProfilePage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const clinic = clinicsOf(session?.memberships ?? []).find((candidate) => candidate.clinicId === clinicId);
  const isAdmin = clinic?.roles.includes('clinic_admin') ?? false;
  const load = useCallback((signal: AbortSignal) => fetchClinicProfile(clinicId, signal), [clinicId]);

  if (!clinic || !isAdmin) {
    return (
      <section className="page narrow" aria-labelledby="clinic-profile-title">
        <h1 id="clinic-profile-title">Not available</h1>
        <p>Only a clinic’s administrators keep its profile.</p>
        <p>
          <Link to="/account">Your account</Link> lists the clinics you work for.
        </p>
      </section>
    );
  }
  return <ClinicProfileLoaded clinicId={clinicId} clinicName={clinic.name} load={load} />;
}

interface ClinicProfileLoadedProps {
  clinicId: string;
  clinicName: string;
  load: (signal: AbortSignal) => ReturnType<typeof fetchClinicProfile>;
}

function ClinicProfileLoaded({ clinicId, clinicName, load }: ClinicProfileLoadedProps) {
  const profile = useResource(load);
  const { refresh } = useSession();
  // The header and clinic pages name the clinic from the session: a new name shows there too.
  const saved = (next: ClinicProfileView) => {
    profile.replace(next);
    if (next.name !== clinicName) void refresh();
  };
  return (
    <section className="page" aria-labelledby="clinic-profile-title">
      <p className="back-link">
        <Link to={clinicPath(clinicId)}>← {clinicName}</Link>
      </p>
      <h1 id="clinic-profile-title">Clinic profile</h1>
      <p className="lede">
        The clinic’s details, its defaults for new consultants, and what owners see of it in the directory.
      </p>
      {profile.resource.status === 'loading' && <p role="status">Loading the clinic’s profile…</p>}
      {profile.resource.status === 'failed' && <LoadFailure error={profile.resource.error} onRetry={profile.reload} />}
      {profile.resource.status === 'loaded' && (
        <>
          <ClinicLogoSection profile={profile.resource.data} onChanged={profile.replace} />
          <ClinicProfileForm profile={profile.resource.data} onSaved={saved} />
        </>
      )}
    </section>
  );
}
