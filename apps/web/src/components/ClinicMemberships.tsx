import type { MembershipView } from '@vetmeet/contracts/client';

const roleLabels: Record<MembershipView['role'], string> = {
  consultant: 'Consultant',
  support: 'Support staff',
  clinic_admin: 'Clinic administrator',
};

/** The clinics a staff member works for and their roles in each; pet owners have none. */
export function ClinicMemberships({ memberships }: { memberships: MembershipView[] }) {
  const byClinic = new Map<string, { name: string; roles: string[] }>();
  for (const membership of memberships) {
    const clinic = byClinic.get(membership.clinicId) ?? { name: membership.clinicName, roles: [] };
    clinic.roles.push(roleLabels[membership.role]);
    byClinic.set(membership.clinicId, clinic);
  }
  return (
    <section className="card section-card" aria-labelledby="clinics-title">
      <h2 id="clinics-title">Your clinics</h2>
      <ul className="plain-list">
        {[...byClinic].map(([clinicId, clinic]) => (
          <li key={clinicId}>
            <strong>{clinic.name}</strong> <span className="muted">· {clinic.roles.join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
