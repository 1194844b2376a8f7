import { useId, useRef, useState, type Ref } from 'react';
import { ATTACHMENT_KINDS, ErrorCode, type AttachmentKindValue, type AttachmentView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { uploadAttachment } from '../api/attachments';
import { acceptAttribute, acceptedTypesPhrase, formatBytes, kindLabels, maxBytesOf } from '../attachments/attachment-kinds';
import { FieldError } from '../forms/FieldError';
import { Form } from '../forms/Form';
import { describedBy, localProblems, useField } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { useFormSubmit } from '../forms/use-form-submit';

interface AttachmentUploadFormProps {
  petId: string;
  petName: string;
  onUploadStart: () => void;
  onUploaded: (attachment: AttachmentView) => void;
}

/** Why the server refused the file, in words about the chosen kind; null for failures that are not about the file. */
function fileProblem(kind: AttachmentKindValue, code: ErrorCode): string | null {
  const label = kindLabels[kind].toLowerCase();
  switch (code) {
    case ErrorCode.PayloadTooLarge:
      return `This file is too large: a ${label} may be at most ${formatBytes(maxBytesOf(kind))}.`;
    case ErrorCode.AttachmentTypeNotAllowed:
      return `This file's content is not one a ${label} may be. Choose a ${acceptedTypesPhrase(kind)} file; renaming a file does not change its type.`;
    default:
      return null;
  }
}

const NOT_ADDED = 'The file was not added.';

function explainUploadFailure(error: ApiError): string | undefined {
  if (error.code === ErrorCode.PayloadTooLarge || error.code === ErrorCode.AttachmentTypeNotAllowed) return NOT_ADDED;
  // The server may close the connection mid-upload (a body over any limit): no answer to read.
  if (error.code === ErrorCode.ServiceUnavailable && error.status === 0) return 'The upload broke off. Check your connection and try again.';
  return undefined;
}

/** The file picker as a form field: its label, the limits for the chosen kind, and its error. */
function FileField({ kind, onChange, inputRef }: { kind: AttachmentKindValue; onChange: (file: File | null) => void; inputRef: Ref<HTMLInputElement> }) {
  const { id, hintId, errorId, error } = useField('file');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>File</label>
      <p id={hintId} className="field-hint" data-testid="attachment-limits">
        A {kindLabels[kind].toLowerCase()} may be a {acceptedTypesPhrase(kind)} file of up to {formatBytes(maxBytesOf(kind))}. It is stored encrypted.
      </p>
      <FieldError id={errorId} error={error} />
      <input
        ref={inputRef}
        id={id}
        name="file"
        type="file"
        className="input input-file"
        accept={acceptAttribute(kind)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error && errorId)}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}

/** Adds one file to the pet's record, with the upload's progress. */
export function AttachmentUploadForm({ petId, petName, onUploadStart, onUploaded }: AttachmentUploadFormProps) {
  const [kind, setKind] = useState<AttachmentKindValue>('photo');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const progressLabelId = useId();
  const { busy, problems, showProblems, run } = useFormSubmit();

  function submit(): void {
    const found = localProblems(
      !file
        ? { file: 'Choose a file to upload.' }
        : file.size > maxBytesOf(kind)
          ? { file: `This file is ${formatBytes(file.size)}; a ${kindLabels[kind].toLowerCase()} may be at most ${formatBytes(maxBytesOf(kind))}.` }
          : {},
    );
    if (found || !file) {
      if (found) showProblems(found);
      return;
    }
    setProgress(0);
    onUploadStart();
    void run(
      async () => {
        try {
          const attachment = await uploadAttachment(petId, kind, file, { onProgress: (sent, total) => setProgress(total > 0 ? sent / total : 0) });
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
          onUploaded(attachment);
        } catch (error) {
          // A refusal of the file itself belongs beside the file field, not only at the top.
          const problem = error instanceof ApiError ? fileProblem(kind, error.code) : null;
          if (error instanceof ApiError && problem) throw new ApiError(error.code, error.message, error.status, [`file: ${problem}`], error.requestId);
          throw error;
        } finally {
          setProgress(null);
        }
      },
      { explainField: (field, problem) => (field === 'file' ? problem : undefined), explainMessage: explainUploadFailure },
    );
  }

  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <Form id="upload-attachment" problems={problems} busy={busy} onSubmit={submit} aria-label={`Add a file to ${petName}'s record`}>
      <div className="field-row">
        <SelectField name="kind" label="Kind of file" value={kind} onChange={(event) => setKind(event.target.value as AttachmentKindValue)}>
          {ATTACHMENT_KINDS.map((value) => (
            <option key={value} value={value}>
              {kindLabels[value]}
            </option>
          ))}
        </SelectField>
      </div>
      <FileField kind={kind} onChange={setFile} inputRef={fileInput} />
      {percent !== null && (
        <div className="upload-progress">
          <span id={progressLabelId}>Uploading {file?.name}…</span>
          <progress max={100} value={percent} aria-labelledby={progressLabelId} />
          <span aria-hidden="true">{percent}%</span>
        </div>
      )}
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="Uploading…">
          Upload
        </SubmitButton>
      </div>
    </Form>
  );
}
