import { useCallback } from 'react';
import type { ConsultantOwnProfileView, ConsultantPublicationView } from '@vetmeet/contracts/client';
import { fetchPublication } from '../api/consultant-publication';
import { useResource } from '../api/use-resource';
import { ConsultantPageFrame } from '../components/consultant/ConsultantPageFrame';
import { ConsultantProfileForm } from '../components/consultant/ConsultantProfileForm';
import { ProfilePhotoSection } from '../components/consultant/ProfilePhotoSection';
import { LoadFailure } from '../components/LoadFailure';
import { consultantAvailabilityPath, consultantCalendarPath, consultantPublishPath } from '../consultant/consultant-paths';
import { emptyProfile, profileValuesOf, type ProfileValues } from '../consultant/profile-form';
import type { StaffClinic } from '../clinics/memberships';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/** A consultant's public profile in one of their clinics: created here the first time, then edited. */
export function ConsultantProfilePage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  // With the clinic's defaults, which a new profile starts from.
  const load = useCallback((signal: AbortSignal) => fetchPublication(clinicId, signal), [clinicId]);
  const publication = useResource(load);

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
            <Link to={consultantPublishPath(clinic.clinicId)}>Profile, hours and publishing on one page</Link>
            <Link to={consultantAvailabilityPath(clinic.clinicId)}>Your hours and time off</Link>
            <Link to={consultantCalendarPath(clinic.clinicId)}>Your calendar</Link>
          </p>
          {publication.resource.status === 'loading' && <p role="status">Loading your profile…</p>}
          {publication.resource.status === 'failed' && (
            <LoadFailure error={publication.resource.error} onRetry={publication.reload} />
          )}
          {publication.resource.status === 'loaded' && (
            <OwnProfile
              clinic={clinic}
              data={publication.resource.data}
              initialValues={emptyProfile(
                session?.account.displayName ?? '',
                accountTimeZone,
                publication.resource.data.defaults.priceCurrency,
              )}
              onChange={publication.replace}
            />
          )}
        </>
      )}
    </ConsultantPageFrame>
  );
}

interface OwnProfileProps {
  clinic: StaffClinic;
  data: ConsultantPublicationView;
  /** What a new profile starts from. */
  initialValues: ProfileValues;
  onChange: (data: ConsultantPublicationView) => void;
}

function OwnProfile({ clinic, data, initialValues, onChange }: OwnProfileProps) {
  const own = data.profile;
  const replace = (profile: ConsultantOwnProfileView) => onChange({ ...data, profile });
  return (
    <section className="card form-card" data-testid="consultant-profile">
      {own === null && <p className="notice notice-info">You have no profile in {clinic.name} yet. Fill it in and save it; you can publish it once you have set your hours.</p>}
      {own && (
        <p className="card-heading">
          <span className={own.published ? 'badge badge-ok' : 'badge badge-neutral'}>{own.published ? 'Published' : 'Not published'}</span>
        </p>
      )}
      {own && <ProfilePhotoSection clinicId={clinic.clinicId} profile={own} onChanged={replace} />}
      <ConsultantProfileForm clinicId={clinic.clinicId} profile={own} initialValues={own ? profileValuesOf(own) : initialValues} onSaved={replace} />
    </section>
  );
}
