import { useRef, useState } from 'react';
import { CONSULTANT_PHOTO_MAX_BYTES, CONSULTANT_PHOTO_TYPES, ErrorCode, type ConsultantOwnProfileView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { removeProfilePhoto, uploadProfilePhoto } from '../../api/consultant-profile';
import { describeApiError } from '../../api/error-messages';
import { formatBytes } from '../../attachments/attachment-kinds';
import { FieldError } from '../../forms/FieldError';
import { Form } from '../../forms/Form';
import { describedBy, localProblems, useField } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { useFormSubmit } from '../../forms/use-form-submit';
import { StatusMessage } from '../StatusMessage';

interface ProfilePhotoSectionProps {
  clinicId: string;
  profile: ConsultantOwnProfileView;
  onChanged: (profile: ConsultantOwnProfileView) => void;
}

const TYPES_PHRASE = 'a JPEG, PNG or WebP image';

/** The photo owners see beside the profile: replaced by uploading another, or removed. */
export function ProfilePhotoSection({ clinicId, profile, onChanged }: ProfilePhotoSectionProps) {
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();

  function upload(): void {
    setStatus(null);
    const problem = !file
      ? 'Choose a photo to upload.'
      : !CONSULTANT_PHOTO_TYPES.includes(file.type)
        ? `Choose ${TYPES_PHRASE}.`
        : file.size > CONSULTANT_PHOTO_MAX_BYTES
          ? `This photo is too large: at most ${formatBytes(CONSULTANT_PHOTO_MAX_BYTES)}.`
          : null;
    const found = localProblems(problem ? { file: problem } : {});
    if (found || !file) {
      if (found) showProblems(found);
      return;
    }
    void run(
      async () => {
        const saved = await uploadProfilePhoto(clinicId, file);
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
        setStatus('Your photo was saved.');
        onChanged(saved);
      },
      {
        explainMessage: (error) => {
          if (error.code === ErrorCode.PayloadTooLarge) return `This photo is too large: at most ${formatBytes(CONSULTANT_PHOTO_MAX_BYTES)}.`;
          if (error.code === ErrorCode.AttachmentTypeNotAllowed) return `This file's content is not ${TYPES_PHRASE}.`;
          return undefined;
        },
      },
    );
  }

  async function remove(): Promise<void> {
    if (removing) return;
    setRemoving(true);
    setRemoveError(null);
    setStatus(null);
    try {
      await removeProfilePhoto(clinicId);
      onChanged({ ...profile, photoUrl: null });
      setStatus('Your photo was removed.');
    } catch (error) {
      setRemoveError(error instanceof ApiError ? describeApiError(error) : 'The photo could not be removed. Try again.');
    } finally {
      setRemoving(false);
    }
  }

  return (
    <section className="sub-section profile-photo" aria-labelledby="profile-photo-title">
      {/* The first heading inside the page's h1: an h2, so the outline does not skip a level. */}
      <h2 id="profile-photo-title" className="profile-photo-title">
        Photo
      </h2>
      <div className="profile-photo-layout">
        {profile.photoUrl ? (
          <img className="consultant-photo-preview" src={profile.photoUrl} alt="Your profile photo" width={96} height={96} />
        ) : (
          <p className="muted small">No photo yet: owners see your initial.</p>
        )}
        <Form id="profile-photo" problems={problems} busy={busy} onSubmit={upload} aria-labelledby="profile-photo-title">
          <PhotoField inputRef={inputRef} onChange={setFile} />
          <div className="button-row">
            <SubmitButton busy={busy} busyLabel="Uploading…" variant="default">
              {profile.photoUrl ? 'Replace photo' : 'Upload photo'}
            </SubmitButton>
            {profile.photoUrl && (
              <button type="button" className="button button-quiet" onClick={() => void remove()} aria-disabled={removing || undefined}>
                {removing ? 'Removing…' : 'Remove photo'}
              </button>
            )}
          </div>
        </Form>
      </div>
      {removeError && (
        <p className="notice notice-error" role="alert">
          {removeError}
        </p>
      )}
      <StatusMessage message={status} />
    </section>
  );
}

function PhotoField({ inputRef, onChange }: { inputRef: React.Ref<HTMLInputElement>; onChange: (file: File | null) => void }) {
  const { id, hintId, errorId, error } = useField('file');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Photo file</label>
      <p id={hintId} className="field-hint">
        {TYPES_PHRASE.replace(/^a /, 'A ')} of up to {formatBytes(CONSULTANT_PHOTO_MAX_BYTES)}. Owners see it in the directory once you publish.
      </p>
      <FieldError id={errorId} error={error} />
      <input
        ref={inputRef}
        id={id}
        name="file"
        type="file"
        className="input input-file"
        accept={CONSULTANT_PHOTO_TYPES.join(',')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error && errorId)}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}
