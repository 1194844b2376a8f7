import { useRef, useState } from 'react';
import { ErrorCode } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { formatBytes } from '../attachments/attachment-kinds';
import { FieldError } from '../forms/FieldError';
import { Form } from '../forms/Form';
import { describedBy, localProblems, useField } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { useFormSubmit } from '../forms/use-form-submit';
import { StatusMessage } from './StatusMessage';

const TYPES_PHRASE = 'a JPEG, PNG or WebP image';

/** What the section says about its image, and how it shows it. */
export interface ImageUploadWording {
  /** 'logo', 'photo': in the buttons and messages. */
  noun: string;
  /** 'Logo', 'Photo': the heading, and the field's label with " file". */
  heading: string;
  /** 'The', 'Your': whose image the saved and removed messages name. */
  whose: string;
  empty: string;
  alt: string;
  /** After "A JPEG, PNG or WebP image of up to N": ', ideally square.' */
  hintTail: string;
}

interface ImageUploadSectionProps {
  /** The form's id; the heading's is `<id>-title`. */
  id: string;
  className: string;
  headingClassName?: string;
  previewClassName: string;
  imageUrl: string | null;
  maxBytes: number;
  types: readonly string[];
  wording: ImageUploadWording;
  /** Sends the file and hands the saved result on; rejects with an ApiError. */
  upload: (file: File) => Promise<void>;
  remove: () => Promise<void>;
}

/** One image (a clinic's logo, a consultant's photo): uploaded, replaced or removed at once. */
export function ImageUploadSection(props: ImageUploadSectionProps) {
  const { id, imageUrl, maxBytes, types, wording } = props;
  const { noun } = wording;
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const tooLarge = `This ${noun} is too large: at most ${formatBytes(maxBytes)}.`;
  const titleId = `${id}-title`;

  function upload(): void {
    setStatus(null);
    const problem = !file
      ? `Choose a ${noun} to upload.`
      : !types.includes(file.type)
        ? `Choose ${TYPES_PHRASE}.`
        : file.size > maxBytes
          ? tooLarge
          : null;
    const found = localProblems(problem ? { file: problem } : {});
    if (found || !file) {
      if (found) showProblems(found);
      return;
    }
    void run(
      async () => {
        await props.upload(file);
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
        setStatus(`${wording.whose} ${noun} was saved.`);
      },
      {
        explainMessage: (error) => {
          if (error.code === ErrorCode.PayloadTooLarge) return tooLarge;
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
      await props.remove();
      setStatus(`${wording.whose} ${noun} was removed.`);
    } catch (error) {
      const fallback = `The ${noun} could not be removed. Try again.`;
      setRemoveError(error instanceof ApiError ? describeApiError(error) : fallback);
    } finally {
      setRemoving(false);
    }
  }

  return (
    <section className={props.className} aria-labelledby={titleId}>
      {/* The first heading inside the page's h1 or card: an h2, so the outline does not skip a level. */}
      <h2 id={titleId} className={props.headingClassName}>
        {wording.heading}
      </h2>
      <div className="profile-photo-layout">
        {imageUrl ? (
          <img className={props.previewClassName} src={imageUrl} alt={wording.alt} width={96} height={96} />
        ) : (
          <p className="muted small">{wording.empty}</p>
        )}
        <Form id={id} problems={problems} busy={busy} onSubmit={upload} aria-labelledby={titleId}>
          <ImageField inputRef={inputRef} onChange={setFile} maxBytes={maxBytes} types={types} wording={wording} />
          <div className="button-row">
            <SubmitButton busy={busy} busyLabel="Uploading…" variant="default">
              {imageUrl ? `Replace ${noun}` : `Upload ${noun}`}
            </SubmitButton>
            {imageUrl && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void remove()}
                aria-disabled={removing || undefined}
              >
                {removing ? 'Removing…' : `Remove ${noun}`}
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

interface ImageFieldProps {
  inputRef: React.Ref<HTMLInputElement>;
  onChange: (file: File | null) => void;
  maxBytes: number;
  types: readonly string[];
  wording: ImageUploadWording;
}

function ImageField({ inputRef, onChange, maxBytes, types, wording }: ImageFieldProps) {
  const { id, hintId, errorId, error } = useField('file');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{wording.heading} file</label>
      <p id={hintId} className="field-hint">
        {TYPES_PHRASE.replace(/^a /, 'A ')} of up to {formatBytes(maxBytes)}
        {wording.hintTail}
      </p>
      <FieldError id={errorId} error={error} />
      <input
        ref={inputRef}
        id={id}
        name="file"
        type="file"
        className="input input-file"
        accept={types.join(',')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error && errorId)}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}
