import { useCallback } from 'react';
import type { ConsultationView } from '@vetmeet/contracts/client';
import { fetchConsultationPet } from '../../api/consultations';
import { useResource } from '../../api/use-resource';
import { LoadFailure } from '../LoadFailure';
import { PetDetails } from '../PetDetails';

/**
 * Beside the call, for the consultant: why the owner came, and the record of the pet this
 * consultation is for (the only pet record a consultant may read, VetPet policy section 4).
 * The record folds away, so on a phone the chat is not pushed far down.
 */
export function VisitBrief({ consultation }: { consultation: ConsultationView }) {
  const load = useCallback((signal: AbortSignal) => fetchConsultationPet(consultation.id, signal), [consultation.id]);
  const pet = useResource(load);
  return (
    <section className="call-brief" aria-labelledby="call-brief-title" data-testid="call-brief">
      <h2 id="call-brief-title">About this visit</h2>
      <dl className="call-brief-reason">
        <dt>Reason for the visit</dt>
        <dd className="preformatted" data-testid="call-brief-reason">
          {consultation.reason ?? 'The owner gave no reason.'}
        </dd>
      </dl>
      <details className="call-brief-record" open>
        <summary>{consultation.pet.name}'s record</summary>
        {pet.resource.status === 'loading' && <p role="status">Loading the record…</p>}
        {pet.resource.status === 'failed' && <LoadFailure error={pet.resource.error} onRetry={pet.reload} />}
        {pet.resource.status === 'loaded' && <PetDetails pet={pet.resource.data} />}
      </details>
    </section>
  );
}
