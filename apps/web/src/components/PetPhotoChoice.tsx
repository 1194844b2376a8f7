import { useCallback } from 'react';
import { BOOKING_MAX_PHOTOS } from '@vetmeet/contracts/client';
import { attachmentContentUrl, listAttachments } from '../api/attachments';
import { useResource } from '../api/use-resource';
import { hasThumbnail, typeName } from '../attachments/attachment-kinds';
import { LoadFailure } from './LoadFailure';

interface PetPhotoChoiceProps {
  petId: string;
  petName: string;
  chosen: string[];
  error?: string;
  onChange: (photoIds: string[]) => void;
}

/** Photos from the pet's record to share with the vet for this booking only; the server accepts image attachments of this pet. */
export function PetPhotoChoice({ petId, petName, chosen, error, onChange }: PetPhotoChoiceProps) {
  const load = useCallback((signal: AbortSignal) => listAttachments(petId, signal), [petId]);
  const attachments = useResource(load);
  const full = chosen.length >= BOOKING_MAX_PHOTOS;

  function toggle(id: string, checked: boolean): void {
    onChange(checked ? [...chosen, id] : chosen.filter((candidate) => candidate !== id));
  }

  return (
    <fieldset className={error ? 'fieldset field-invalid' : 'fieldset'} id="booking-photoIds" tabIndex={-1} aria-describedby="booking-photoIds-hint">
      <legend>Photos for the vet (optional)</legend>
      <p id="booking-photoIds-hint" className="field-hint">
        Up to {BOOKING_MAX_PHOTOS} photos from {petName}’s record, shared with the vet for this consultation only.
      </p>
      {error && <p className="field-error">{error}</p>}
      {attachments.resource.status === 'loading' && <p className="muted">Loading {petName}’s photos…</p>}
      {attachments.resource.status === 'failed' && <LoadFailure error={attachments.resource.error} onRetry={attachments.reload} />}
      {attachments.resource.status === 'loaded' &&
        (() => {
          const photos = attachments.resource.data.filter((attachment) => attachment.contentType.startsWith('image/'));
          if (photos.length === 0) return <p className="muted small">{petName}’s record has no photos. You can add some on the pet’s page and share them in the consultation’s chat later.</p>;
          return (
            <ul className="photo-choices">
              {photos.map((photo) => {
                const checked = chosen.includes(photo.id);
                const inputId = `booking-photo-${photo.id}`;
                return (
                  <li key={photo.id} className="photo-choice">
                    <input id={inputId} type="checkbox" checked={checked} disabled={!checked && full} onChange={(event) => toggle(photo.id, event.target.checked)} />
                    <label htmlFor={inputId}>
                      {hasThumbnail(photo.contentType) ? (
                        <img className="attachment-thumbnail" src={attachmentContentUrl(petId, photo.id)} alt="" loading="lazy" />
                      ) : (
                        <span className="attachment-thumbnail attachment-type" aria-hidden="true">
                          {typeName(photo.contentType)}
                        </span>
                      )}
                      <span className="photo-name break-anywhere">{photo.fileName}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          );
        })()}
    </fieldset>
  );
}
