import { useCallback } from 'react';
import { fetchConsultationPet } from '../api/consultations';
import { useResource } from '../api/use-resource';
import { LoadFailure } from './LoadFailure';
import { PetDetails } from './PetDetails';

/** The consultant's view of the pet's record, for this consultation only (VetPet policy, section 4). */
export function ConsultationPetRecord({ consultationId, petName }: { consultationId: string; petName: string }) {
  const load = useCallback((signal: AbortSignal) => fetchConsultationPet(consultationId, signal), [consultationId]);
  const pet = useResource(load);
  return (
    <section className="card section-card" aria-labelledby="pet-record-title" data-testid="consultation-pet">
      <h2 id="pet-record-title">{petName}'s record</h2>
      {pet.resource.status === 'loading' && <p role="status">Loading the record…</p>}
      {pet.resource.status === 'failed' && <LoadFailure error={pet.resource.error} onRetry={pet.reload} />}
      {pet.resource.status === 'loaded' && <PetDetails pet={pet.resource.data} />}
    </section>
  );
}
