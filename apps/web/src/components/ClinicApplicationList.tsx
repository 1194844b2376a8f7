import type { ClinicApplicationView } from '@vetmeet/contracts/client';
import { clinicPath } from '../clinics/memberships';
import { formatDateTime } from '../format/dates';
import { ClinicStatusBadge } from './ClinicStatusBadge';
import { Link } from '../router/Link';

/** The account's clinic applications, newest first: where each stands, and why when it was not approved. */
export function ClinicApplicationList({ applications }: { applications: ClinicApplicationView[] }) {
  return (
    <ul className="card-list" aria-label="Your clinic applications">
      {applications.map((application) => (
        <li key={application.id} className="card" data-testid="clinic-application">
          <div>
            <h3>{application.name}</h3>
            <p>
              <ClinicStatusBadge status={application.status} />{' '}
              <span className="muted">Applied {formatDateTime(application.appliedAt)}</span>
            </p>
            {application.statusReason && (
              <p>
                <strong>Reason:</strong> {application.statusReason}
              </p>
            )}
            {application.status === 'pending' && (
              <p className="muted">A Vetmeet operator checks it and emails you the decision.</p>
            )}
            {application.status === 'approved' && (
              <p>
                <Link to={clinicPath(application.id)}>Open {application.name}</Link>: you are its clinic admin.
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
