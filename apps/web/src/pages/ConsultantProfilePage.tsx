import { useCallback } from 'react';
import { fetchOwnProfileIfAny } from '../api/consultant-profile';
import { useResource } from '../api/use-resource';
import { ConsultantPageFrame } from '../components/consultant/ConsultantPageFrame';
import { ConsultantProfileForm } from '../components/consultant/ConsultantProfileForm';
import { ProfilePhotoSection } from '../components/consultant/ProfilePhotoSection';
import { LoadFailure } from '../components/LoadFailure';
import { consultantAvailabilityPath, consultantCalendarPath } from '../consultant/consultant-paths';
import { emptyProfile, profileValuesOf } from '../consultant/profile-form';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/** A consultant's public profile in one of their clinics: created here the first time, then edited. */
export function ConsultantProfilePage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const load = useCallback((signal: AbortSignal) => fetchOwnProfileIfAny(clinicId, signal), [clinicId]);
  const profile = useResource(load);

  return (
    <ConsultantPageFrame
      clinicId={clinicId}
      titleId="profile-title"
      title="Your consultant profile"
      lede="What owners read when they choose a vet, the consultations you offer and their prices."
    >
      {(clinic, accountTimeZone) => (
        <>
          <p className="button-row">
            <Link to={consultantAvailabilityPath(clinic.clinicId)}>Your hours and time off</Link>
            <Link to={consultantCalendarPath(clinic.clinicId)}>Your calendar</Link>
          </p>
          {profile.resource.status === 'loading' && <p role="status">Loading your profile…</p>}
          {profile.resource.status === 'failed' && <LoadFailure error={profile.resource.error} onRetry={profile.reload} />}
          {profile.resource.status === 'loaded' && (
            <section className="card form-card" data-testid="consultant-profile">
              {profile.resource.data === null && <p className="notice notice-info">You have no profile in {clinic.name} yet. Fill it in and save it; you can publish it once you have set your hours.</p>}
              {profile.resource.data && (
                <p className="card-heading">
                  <span className={profile.resource.data.published ? 'badge badge-ok' : 'badge badge-neutral'}>{profile.resource.data.published ? 'Published' : 'Not published'}</span>
                </p>
              )}
              {profile.resource.data && <ProfilePhotoSection clinicId={clinic.clinicId} profile={profile.resource.data} onChanged={profile.replace} />}
              <ConsultantProfileForm
                clinicId={clinic.clinicId}
                profile={profile.resource.data}
                initialValues={profile.resource.data ? profileValuesOf(profile.resource.data) : emptyProfile(session?.account.displayName ?? '', accountTimeZone)}
                onSaved={profile.replace}
              />
            </section>
          )}
        </>
      )}
    </ConsultantPageFrame>
  );
}
