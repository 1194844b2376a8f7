import type { ConsultationView } from '@vetmeet/contracts/client';
import { clinicPath, clinicsOf } from '../clinics/memberships';
import { NewConsultationForm } from '../components/NewConsultationForm';
import { consultationPath } from '../consultations/consultation-status';
import { navigateWithMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/** A consultant, acting in one of their clinics, opens an on-demand consultation. */
export function NewConsultationPage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
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

  function created(consultation: ConsultationView): void {
    navigateWithMessage(consultationPath(consultation.id), `The consultation for ${consultation.pet.name} with ${consultation.owner.displayName} was created.`);
  }

  return (
    <section className="page narrow" aria-labelledby="new-consultation-title">
      <p className="back-link">
        <Link to={clinicPath(clinic.clinicId)}>← {clinic.name}</Link>
      </p>
      <p className="eyebrow">{clinic.name}</p>
      <h1 id="new-consultation-title">New on-demand consultation</h1>
      <p className="lede">
        For an owner who is registered with Vetmeet and has added the pet. They see it in their consultations and can join the room from there.
      </p>
      <section className="card form-card">
        <NewConsultationForm clinicId={clinic.clinicId} timeZone={session.account.timeZone} onCreated={created} />
      </section>
    </section>
  );
}
