import type { ConsultationView } from '@vetmeet/contracts/client';
import { consultationPath, otherPartyName } from '../consultations/consultation-status';
import { formatDateTime } from '../format/dates';
import { Link } from '../router/Link';
import { ConsultationStatusBadge } from './ConsultationStatusBadge';

interface ConsultationListProps {
  consultations: ConsultationView[];
  /** The viewer's zone: every time on the page is shown in it. */
  timeZone: string;
  testId: string;
}

/** One card per consultation: when, for which pet, with whom, and where it stands. */
export function ConsultationList({ consultations, timeZone, testId }: ConsultationListProps) {
  return (
    <ul className="card-list" data-testid={testId}>
      {consultations.map((consultation) => (
        <li key={consultation.id} className="card consultation-card">
          <span className="pet-avatar" aria-hidden="true">
            {consultation.pet.name.slice(0, 1).toUpperCase()}
          </span>
          <div>
            <p className="card-title">
              <Link to={consultationPath(consultation.id)}>
                {consultation.pet.name}
                <span className="visually-hidden"> with {otherPartyName(consultation)}</span>
              </Link>
              <ConsultationStatusBadge status={consultation.status} />
            </p>
            <p className="card-meta">
              <time dateTime={consultation.startsAt}>{formatDateTime(consultation.startsAt, timeZone)}</time> · {consultation.pet.species} · with{' '}
              {otherPartyName(consultation)}
              {consultation.myRole === 'owner' && ` (${consultation.clinic.name})`}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
