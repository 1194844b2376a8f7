import { useCallback, useRef, useState } from 'react';
import { ErrorCode, type PetPayload } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { deletePet, fetchPet, updatePet } from '../api/pets';
import { useResource } from '../api/use-resource';
import { AttachmentsSection } from '../components/AttachmentsSection';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LoadFailure } from '../components/LoadFailure';
import { PetDetails } from '../components/PetDetails';
import { PetForm } from '../components/PetForm';
import { StatusMessage } from '../components/StatusMessage';
import { petFormValuesFrom } from '../pets/pet-form';
import { navigateWithMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

function BackToPets() {
  return (
    <p className="back-link">
      <Link to="/pets">← All your pets</Link>
    </p>
  );
}

export function PetPage({ petId }: { petId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchPet(petId, signal), [petId]);
  const pet = useResource(load);
  const { session } = useSession();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (pet.resource.status === 'loading') {
    return (
      <section className="page narrow">
        <BackToPets />
        <p role="status">Loading the record…</p>
      </section>
    );
  }

  if (pet.resource.status === 'failed') {
    // A malformed id in the address is refused as invalid: for the person it is just as missing.
    const missing = pet.resource.error.code === ErrorCode.NotFound || pet.resource.error.code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="pet-title">
        <BackToPets />
        <h1 id="pet-title">{missing ? 'Pet not found' : 'Pet record'}</h1>
        {missing ? (
          <p>There is no pet at this address in your records. It may have been deleted.</p>
        ) : (
          <LoadFailure error={pet.resource.error} onRetry={pet.reload} />
        )}
      </section>
    );
  }

  const current = pet.resource.data;

  async function save(payload: PetPayload): Promise<void> {
    const updated = await updatePet(current.id, payload);
    pet.replace(updated);
    setEditing(false);
    setStatus('Your changes were saved.');
    headingRef.current?.focus();
  }

  async function confirmDelete(): Promise<void> {
    setDeleting(true);
    setDeleteError(null);
    try {
      await deletePet(current.id);
      navigateWithMessage('/pets', `${current.name}'s record was deleted.`);
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.NotFound) {
        navigateWithMessage('/pets', `${current.name}'s record was already deleted.`);
        return;
      }
      setDeleteError(error instanceof ApiError ? describeApiError(error) : 'The record could not be deleted. Try again.');
      setDeleting(false);
    }
  }

  return (
    <section className="page narrow" aria-labelledby="pet-title">
      <BackToPets />
      <div className="page-heading">
        <h1 id="pet-title" ref={headingRef} tabIndex={-1}>
          {current.name}
        </h1>
        {!editing && (
          <div className="heading-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setStatus(null);
                setEditing(true);
              }}
            >
              Edit
              <span className="visually-hidden"> {current.name}'s record</span>
            </button>
          </div>
        )}
      </div>

      <StatusMessage message={status} />

      {editing ? (
        <section className="card section-card" aria-labelledby="edit-pet-title">
          <h2 id="edit-pet-title">Edit the record</h2>
          <PetForm
            id="edit-pet"
            initial={petFormValuesFrom(current)}
            submitLabel="Save changes"
            busyLabel="Saving…"
            onSubmit={save}
            onCancel={() => {
              setEditing(false);
              headingRef.current?.focus();
            }}
            aria-labelledby="edit-pet-title"
          />
        </section>
      ) : (
        <section className="card section-card" aria-label={`${current.name}'s record`}>
          <PetDetails pet={current} />
        </section>
      )}

      {!editing && <AttachmentsSection petId={current.id} petName={current.name} timeZone={session?.account.timeZone} />}

      {!editing && (
        <section className="danger-zone" aria-labelledby="delete-pet-title">
          <h2 id="delete-pet-title">Delete this record</h2>
          <p className="muted">
            Deletes {current.name} and the whole record from Vetmeet.
          </p>
          <button type="button" className="button button-danger-outline" onClick={() => setConfirmingDelete(true)}>
            Delete {current.name}
          </button>
        </section>
      )}

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${current.name}?`}
        confirmLabel={`Delete ${current.name}`}
        busyLabel="Deleting…"
        cancelLabel="Keep the record"
        busy={deleting}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onCancel={() => {
          setConfirmingDelete(false);
          setDeleteError(null);
        }}
      >
        <p>
          {current.name}'s record, with its medical history, is deleted for good. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
