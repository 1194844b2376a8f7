import { useRef, useState } from 'react';
import { CLINIC_LOGO_MAX_BYTES, CLINIC_LOGO_TYPES, ErrorCode, type ClinicProfileView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { removeClinicLogo, uploadClinicLogo } from '../../api/clinic-profile';
import { describeApiError } from '../../api/error-messages';
import { formatBytes } from '../../attachments/attachment-kinds';
import { FieldError } from '../../forms/FieldError';
import { Form } from '../../forms/Form';
import { describedBy, localProblems, useField } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { useFormSubmit } from '../../forms/use-form-submit';
import { StatusMessage } from '../StatusMessage';

const TYPES_PHRASE = 'a JPEG, PNG or WebP image';
const TOO_LARGE = `This logo is too large: at most ${formatBytes(CLINIC_LOGO_MAX_BYTES)}.`;

/** The clinic's logo: uploaded, replaced or removed at once (the directory shows it only if the profile says so). */
interface ClinicLogoSectionProps {
  profile: ClinicProfileView;
  onChanged: (profile: ClinicProfileView) => void;
}

export function ClinicLogoSection({ profile, onChanged }: ClinicLogoSectionProps) {
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();

  function upload(): void {
    setStatus(null);
    const problem = !file
      ? 'Choose a logo to upload.'
      : !CLINIC_LOGO_TYPES.includes(file.type)
        ? `Choose ${TYPES_PHRASE}.`
        : file.size > CLINIC_LOGO_MAX_BYTES
          ? TOO_LARGE
          : null;
    const found = localProblems(problem ? { file: problem } : {});
    if (found || !file) {
      if (found) showProblems(found);
      return;
    }
    void run(
      async () => {
        const saved = await uploadClinicLogo(profile.id, file);
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
        setStatus('The logo was saved.');
        onChanged(saved);
      },
      {
        explainMessage: (error) => {
          if (error.code === ErrorCode.PayloadTooLarge) return TOO_LARGE;
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
      await removeClinicLogo(profile.id);
      onChanged({ ...profile, logoUrl: null });
      setStatus('The logo was removed.');
    } catch (error) {
      setRemoveError(error instanceof ApiError ? describeApiError(error) : 'The logo could not be removed. Try again.');
    } finally {
      setRemoving(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="clinic-logo-title">
      <h2 id="clinic-logo-title">Logo</h2>
      <div className="profile-photo-layout">
        {profile.logoUrl ? (
          <img className="clinic-logo-preview" src={profile.logoUrl} alt="The clinic’s logo" width={96} height={96} />
        ) : (
          <p className="muted small">No logo yet.</p>
        )}
        <Form id="clinic-logo" problems={problems} busy={busy} onSubmit={upload} aria-labelledby="clinic-logo-title">
          <LogoField inputRef={inputRef} onChange={setFile} />
          <div className="button-row">
            <SubmitButton busy={busy} busyLabel="Uploading…" variant="default">
              {profile.logoUrl ? 'Replace logo' : 'Upload logo'}
            </SubmitButton>
            {profile.logoUrl && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void remove()}
                aria-disabled={removing || undefined}
              >
                {removing ? 'Removing…' : 'Remove logo'}
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

interface LogoFieldProps {
  inputRef: React.Ref<HTMLInputElement>;
  onChange: (file: File | null) => void;
}

function LogoField({ inputRef, onChange }: LogoFieldProps) {
  const { id, hintId, errorId, error } = useField('file');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Logo file</label>
      <p id={hintId} className="field-hint">
        {TYPES_PHRASE.replace(/^a /, 'A ')} of up to {formatBytes(CLINIC_LOGO_MAX_BYTES)}, ideally square.
      </p>
      <FieldError id={errorId} error={error} />
      <input
        ref={inputRef}
        id={id}
        name="file"
        type="file"
        className="input input-file"
        accept={CLINIC_LOGO_TYPES.join(',')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error && errorId)}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}
