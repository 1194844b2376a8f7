import type { ConsultationView } from '@vetmeet/contracts/client';
import { formatDateTime } from '../format/dates';

const timeOnly = (iso: string, timeZone: string) => {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date(iso));
  }
};

/** The consultation's facts; the consultant also sees where the owner is, for the time of day there. */
export function ConsultationDetails({ consultation, timeZone }: { consultation: ConsultationView; timeZone: string }) {
  const { owner, consultant, pet, clinic } = consultation;
  const minutes = Math.round((Date.parse(consultation.endsAt) - Date.parse(consultation.startsAt)) / 60_000);
  return (
    <dl className="details" data-testid="consultation-details">
      <div>
        <dt>When</dt>
        <dd>
          <time dateTime={consultation.startsAt}>{formatDateTime(consultation.startsAt, timeZone)}</time> to{' '}
          <time dateTime={consultation.endsAt}>{timeOnly(consultation.endsAt, timeZone)}</time> ({minutes} minutes)
          <span className="muted small details-note">Your time zone: {timeZone}</span>
        </dd>
      </div>
      {consultation.startedAt && (
        <div data-testid="consultation-took-place">
          <dt>{consultation.endedAt ? 'Took place' : 'Under way since'}</dt>
          <dd>
            <time dateTime={consultation.startedAt}>{timeOnly(consultation.startedAt, timeZone)}</time>
            {consultation.endedAt && (
              <>
                {' '}
                to <time dateTime={consultation.endedAt}>{timeOnly(consultation.endedAt, timeZone)}</time>
              </>
            )}
          </dd>
        </div>
      )}
      <div>
        <dt>Pet</dt>
        <dd>
          {pet.name} ({pet.species})
        </dd>
      </div>
      {consultation.myRole === 'owner' ? (
        <div>
          <dt>Vet</dt>
          <dd>
            {consultant.displayName}, {clinic.name}
          </dd>
        </div>
      ) : (
        <div>
          <dt>Owner</dt>
          <dd>
            {owner.displayName} ({owner.country}, {owner.timeZone})
          </dd>
        </div>
      )}
      <div className="details-wide">
        <dt>Reason</dt>
        <dd className="preformatted">{consultation.reason ?? 'Not given'}</dd>
      </div>
    </dl>
  );
}
