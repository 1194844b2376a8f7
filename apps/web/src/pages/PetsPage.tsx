import { useEffect, useRef, useState } from 'react';
import type { PetPayload } from '@vetmeet/contracts/client';
import { createPet, listPets } from '../api/pets';
import { useResource } from '../api/use-resource';
import { LoadFailure } from '../components/LoadFailure';
import { PetForm } from '../components/PetForm';
import { PetList } from '../components/PetList';
import { StatusMessage } from '../components/StatusMessage';
import { emptyPetForm } from '../pets/pet-form';
import { useFlashMessage } from '../router/flash';

export function PetsPage() {
  const pets = useResource(listPets);
  const flash = useFlashMessage();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(flash);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const addHeadingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (adding) addHeadingRef.current?.focus();
  }, [adding]);

  function closeForm(): void {
    setAdding(false);
    // The button comes back on the next render; give it the focus the form had.
    requestAnimationFrame(() => addButtonRef.current?.focus());
  }

  async function add(payload: PetPayload): Promise<void> {
    const pet = await createPet(payload);
    setStatus(`${pet.name} was added to your pets.`);
    pets.reload();
    closeForm();
  }

  return (
    <section className="page narrow" aria-labelledby="pets-title">
      <div className="page-heading">
        <h1 id="pets-title">Your pets</h1>
        {!adding && (
          <button
            ref={addButtonRef}
            type="button"
            className="button button-primary"
            onClick={() => {
              setStatus(null);
              setAdding(true);
            }}
          >
            Add a pet
          </button>
        )}
      </div>
      <p className="lede">Vets you book see the record of the pet the consultation is for, and nothing else.</p>

      <StatusMessage message={status} />

      {adding && (
        <section className="card section-card" aria-labelledby="add-pet-title">
          <h2 id="add-pet-title" ref={addHeadingRef} tabIndex={-1}>
            Add a pet
          </h2>
          <PetForm id="add-pet" initial={emptyPetForm} submitLabel="Add pet" busyLabel="Adding…" onSubmit={add} onCancel={closeForm} aria-labelledby="add-pet-title" />
        </section>
      )}

      {pets.resource.status === 'loading' && <p role="status">Loading your pets…</p>}
      {pets.resource.status === 'failed' && <LoadFailure error={pets.resource.error} onRetry={pets.reload} />}
      {pets.resource.status === 'loaded' &&
        (pets.resource.data.length > 0 ? (
          <PetList pets={pets.resource.data} />
        ) : (
          !adding && (
            <div className="card empty-state">
              <p>You have not added any pets yet.</p>
              <p className="muted">Add your pet's details once, and every vet you book will have them before the call.</p>
            </div>
          )
        ))}
    </section>
  );
}
