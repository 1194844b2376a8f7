import { useState } from 'react';
import { clinicPath, clinicsOf } from '../clinics/memberships';
import { NewConsultationForm } from '../components/NewConsultationForm';
import { StatusMessage } from '../components/StatusMessage';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/**
 * A consultant, acting in one of their clinics, invites an owner to an on-demand consultation.
 * The outcome never says whether the owner or the pet exists: only the owner's answer does.
 */
export function NewConsultationPage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const [sent, setSent] = useState<string | null>(null);
  const clinic = clinicsOf(session?.memberships ?? []).find((candidate) => candidate.clinicId === clinicId);

  if (!session || !clinic?.roles.includes('consultant')) {
    return (
      <section className="page narrow" aria-labelledby="new-consultation-title">
        <h1 id="new-consultation-title">Not available</h1>
        <p>Only a clinic's consultants can open consultations for it.</p>
        <p>
          <Link to="/consultations">Your consultations</Link>
        </p>
      </section>
    );
  }

  function invited({ ownerEmail, petName }: { ownerEmail: string; petName: string }): void {
    setSent(
      `Invitation sent if ${ownerEmail} has a pet named ${petName} on Vetmeet. ` +
        'The consultation appears in your consultations once the owner accepts; if it does not, check the address and the name with them.',
    );
  }

  return (
    <section className="page narrow" aria-labelledby="new-consultation-title">
      <p className="back-link">
        <Link to={clinicPath(clinic.clinicId)}>← {clinic.name}</Link>
      </p>
      <p className="eyebrow">{clinic.name}</p>
      <h1 id="new-consultation-title">Invite an owner to a consultation</h1>
      <p className="lede">
        For an owner who is registered with Vetmeet and has added the pet. We email them an invitation and show it in
        their consultations; you see the owner, the pet's record and the consultation only once they accept.
      </p>
      <StatusMessage message={sent} />
      <section className="card form-card">
        <NewConsultationForm clinicId={clinic.clinicId} timeZone={session.account.timeZone} onSent={invited} onSubmitting={() => setSent(null)} />
      </section>
      <p>
        <Link to="/consultations">Your consultations</Link>
      </p>
    </section>
  );
}
