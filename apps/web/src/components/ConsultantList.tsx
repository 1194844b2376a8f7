import type { ConsultantSummaryView } from '@vetmeet/contracts/client';
import { consultantProfilePath } from '../bookings/booking-status';
import { ConsultantCard } from './directory/ConsultantCard';

export { ConsultantPhoto } from './directory/ConsultantPhoto';

/** One card per consultant, each linking to their profile and free times. */
export function ConsultantList({ consultants }: { consultants: ConsultantSummaryView[] }) {
  return (
    <ul className="card-list" data-testid="consultant-list">
      {consultants.map((consultant) => (
        <li key={consultant.id} className="card consultant-card">
          <ConsultantCard consultant={consultant} href={consultantProfilePath(consultant.id)} />
        </li>
      ))}
    </ul>
  );
}
