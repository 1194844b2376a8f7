import type { MembershipView } from '@vetmeet/contracts/client';
import { clinicPath, clinicsOf, roleLabels } from '../clinics/memberships';
import { Link } from '../router/Link';

/** The clinics a staff member works for and their roles in each; pet owners have none. */
export function ClinicMemberships({ memberships }: { memberships: MembershipView[] }) {
  return (
    <section className="card section-card" aria-labelledby="clinics-title">
      <h2 id="clinics-title">Your clinics</h2>
      <ul className="plain-list">
        {clinicsOf(memberships).map((clinic) => (
          <li key={clinic.clinicId}>
            <Link to={clinicPath(clinic.clinicId)}>
              <strong>{clinic.name}</strong>
            </Link>{' '}
            <span className="muted">· {clinic.roles.map((role) => roleLabels[role]).join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
