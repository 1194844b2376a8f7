import { useCallback } from 'react';
import type { ConsultantAvailabilityView, ConsultantPublicationView } from '@vetmeet/contracts/client';
import { fetchPublication } from '../api/consultant-publication';
import { useResource } from '../api/use-resource';
import { ConsultantPageFrame } from '../components/consultant/ConsultantPageFrame';
import { ProfilePhotoSection } from '../components/consultant/ProfilePhotoSection';
import { PublishForm } from '../components/consultant/PublishForm';
import { LoadFailure } from '../components/LoadFailure';
import { availabilityValuesOf } from '../consultant/availability-form';
import { consultantCalendarPath } from '../consultant/consultant-paths';
import { emptyProfile, profileValuesOf } from '../consultant/profile-form';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/** Hours a new profile starts with: none (the consultant adds them), and the database's own defaults. */
const noHours = (timeZone: string): ConsultantAvailabilityView => ({
  timeZone,
  weeklyRules: [],
  dateOverrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  horizonDays: 60,
  dailyLimit: null,
  stepMinutes: null,
  timeOff: [],
});

/** One page and one save for everything owners see and book: profile, hours, Published, with a preview. */
export function ConsultantPublishPage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const load = useCallback((signal: AbortSignal) => fetchPublication(clinicId, signal), [clinicId]);
  const publication = useResource(load);

  return (
    <ConsultantPageFrame
      clinicId={clinicId}
      titleId="publish-title"
      title="Your profile, hours and publishing"
      lede="Everything owners see and book, saved together. The preview shows you as owners will."
      wide
    >
      {(clinic) => (
        <>
          <p className="button-row">
            <Link to={consultantCalendarPath(clinic.clinicId)}>Your calendar</Link>
          </p>
          {publication.resource.status === 'loading' && <p role="status">Loading your profile…</p>}
          {publication.resource.status === 'failed' && (
            <LoadFailure error={publication.resource.error} onRetry={publication.reload} />
          )}
          {publication.resource.status === 'loaded' && session && (
            <Loaded
              clinicId={clinic.clinicId}
              consultantId={session.account.id}
              name={session.account.displayName}
              data={publication.resource.data}
              onChange={publication.replace}
            />
          )}
        </>
      )}
    </ConsultantPageFrame>
  );
}

interface LoadedProps {
  clinicId: string;
  consultantId: string;
  name: string;
  data: ConsultantPublicationView;
  onChange: (next: ConsultantPublicationView) => void;
}

function Loaded({ clinicId, consultantId, name, data, onChange }: LoadedProps) {
  // A new profile's hours start in the clinic's time zone (its opening hours are kept in it), its prices in
  // the clinic's default currency; the consultant who works from elsewhere chooses their own zone.
  const timeZone = data.defaults.timeZone;
  const initialProfile = data.profile
    ? profileValuesOf(data.profile)
    : emptyProfile(name, timeZone, data.defaults.priceCurrency);
  const initialHours = availabilityValuesOf(data.availability ?? noHours(timeZone));
  return (
    <>
      {data.profile ? (
        <section className="card section-card">
          <ProfilePhotoSection
            clinicId={clinicId}
            profile={data.profile}
            onChanged={(profile) => onChange({ ...data, profile })}
          />
        </section>
      ) : (
        <p className="notice notice-info">
          New here: fill in your profile and hours and save. You can add a photo after the first save. Your hours
          start in the clinic’s time zone, <strong data-testid="starting-time-zone">{timeZone}</strong>: choose your
          own under “Your time zone” if you work in another.
        </p>
      )}
      <PublishForm
        clinicId={clinicId}
        consultantId={consultantId}
        publication={data}
        initialProfile={initialProfile}
        initialAvailability={initialHours}
        onSaved={onChange}
      />
    </>
  );
}
