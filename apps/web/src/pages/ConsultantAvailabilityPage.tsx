import { useCallback, useState } from 'react';
import type { ConsultantAvailabilityView, ConsultantOwnProfileView } from '@vetmeet/contracts/client';
import { fetchAvailability, fetchOwnProfileIfAny } from '../api/consultant-profile';
import { useResource } from '../api/use-resource';
import { AvailabilityForm } from '../components/consultant/AvailabilityForm';
import { ConsultantPageFrame } from '../components/consultant/ConsultantPageFrame';
import { SlotPreview } from '../components/consultant/SlotPreview';
import { TimeOffSection } from '../components/consultant/TimeOffSection';
import { LoadFailure } from '../components/LoadFailure';
import { consultantCalendarPath, consultantProfilePath, consultantPublishPath } from '../consultant/consultant-paths';
import { Link } from '../router/Link';

interface Schedule {
  profile: ConsultantOwnProfileView;
  availability: ConsultantAvailabilityView;
}

/** The consultant's opening hours, dates that differ, booking rules and time off, with the slots they leave. */
export function ConsultantAvailabilityPage({ clinicId }: { clinicId: string }) {
  const load = useCallback(async (signal: AbortSignal): Promise<Schedule | null> => {
    const profile = await fetchOwnProfileIfAny(clinicId, signal);
    return profile ? { profile, availability: await fetchAvailability(clinicId, signal) } : null;
  }, [clinicId]);
  const schedule = useResource(load);
  const [version, setVersion] = useState(0);

  return (
    <ConsultantPageFrame
      clinicId={clinicId}
      titleId="availability-title"
      title="Your hours and time off"
      lede="Owners can book the times these leave free, in their own time zone."
      wide
    >
      {(clinic) => (
        <>
          <p className="button-row">
            <Link to={consultantPublishPath(clinic.clinicId)}>Profile, hours and publishing on one page</Link>
            <Link to={consultantProfilePath(clinic.clinicId)}>Your profile</Link>
            <Link to={consultantCalendarPath(clinic.clinicId)}>Your calendar</Link>
          </p>
          {schedule.resource.status === 'loading' && <p role="status">Loading your hours…</p>}
          {schedule.resource.status === 'failed' && <LoadFailure error={schedule.resource.error} onRetry={schedule.reload} />}
          {schedule.resource.status === 'loaded' && schedule.resource.data === null && (
            <div className="card empty-state">
              <p>Create your consultant profile first: it holds your time zone, which your hours are set in.</p>
              <p>
                <Link to={consultantProfilePath(clinic.clinicId)} className="button button-primary">
                  Create your profile
                </Link>
              </p>
            </div>
          )}
          {schedule.resource.status === 'loaded' && schedule.resource.data && (
            <ScheduleEditor
              clinicId={clinic.clinicId}
              schedule={schedule.resource.data}
              version={version}
              onChange={(next) => {
                schedule.replace(next);
                setVersion((n) => n + 1);
              }}
            />
          )}
        </>
      )}
    </ConsultantPageFrame>
  );
}

function ScheduleEditor({ clinicId, schedule, version, onChange }: { clinicId: string; schedule: Schedule; version: number; onChange: (schedule: Schedule) => void }) {
  const { profile, availability } = schedule;
  return (
    <div className="schedule-layout">
      {/* Its own h2, so the weekdays' h3 headings do not skip a level after the page's h1. */}
      <section
        className="card form-card schedule-main"
        data-testid="availability"
        aria-labelledby="opening-hours-title"
      >
        <h2 id="opening-hours-title">Opening hours and booking rules</h2>
        <AvailabilityForm clinicId={clinicId} availability={availability} onSaved={(saved) => onChange({ profile, availability: saved })} />
      </section>
      <div className="schedule-aside">
        <SlotPreview
          consultantId={profile.id}
          clinicId={clinicId}
          published={profile.published}
          offerings={profile.offerings}
          timeZone={availability.timeZone}
          version={version}
        />
        <TimeOffSection clinicId={clinicId} timeZone={availability.timeZone} timeOff={availability.timeOff} onChange={(timeOff) => onChange({ profile, availability: { ...availability, timeOff } })} />
      </div>
    </div>
  );
}
