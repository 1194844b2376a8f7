import { useId, useRef, useState } from 'react';
import { CHAT_FILE_CONTENT_TYPES, CHAT_FILE_MAX_BYTES, ErrorCode, type ChatMessageView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { shareConsultationFile } from '../../api/consultations';
import { describeApiError } from '../../api/error-messages';
import { formatBytes } from '../../attachments/attachment-kinds';

const WHAT_CAN_BE_SHARED = 'Photos (JPEG, PNG, WebP, HEIC), PDF documents and videos (MP4, WebM, MOV)';
const TOO_LARGE = `That file is too large: files up to ${formatBytes(CHAT_FILE_MAX_BYTES)} can be shared.`;
/** The picker offers these; the server decides from the content, not the name. */
const ACCEPT = [...CHAT_FILE_CONTENT_TYPES, '.heic', '.heif', '.mov'].join(',');

function uploadFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The file was not shared. Try again.';
  if (error.code === ErrorCode.PayloadTooLarge) return TOO_LARGE;
  if (error.code === ErrorCode.AttachmentTypeNotAllowed) return `This kind of file cannot be shared here. ${WHAT_CAN_BE_SHARED} can; renaming a file does not change its type.`;
  // The server may close the connection mid-upload (a body over any limit): no answer to read.
  if (error.code === ErrorCode.ServiceUnavailable && error.status === 0) return 'The upload broke off. Check your connection and try again.';
  return describeApiError(error);
}

interface ChatFileShareProps {
  consultationId: string;
  onShared: (message: ChatMessageView) => void;
}

/** Shares a photo or document in the chat as soon as it is chosen, with the upload's progress. */
export function ChatFileShare({ consultationId, onShared }: ChatFileShareProps) {
  const [progress, setProgress] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const progressId = useId();
  const hintId = useId();

  async function share(file: File): Promise<void> {
    setError(null);
    if (file.size > CHAT_FILE_MAX_BYTES) {
      setError(TOO_LARGE);
      if (inputRef.current) inputRef.current.value = '';
      return;
    }
    setFileName(file.name);
    setProgress(0);
    try {
      const message = await shareConsultationFile(consultationId, file, crypto.randomUUID(), {
        onProgress: (sent, total) => setProgress(total > 0 ? sent / total : 0),
      });
      onShared(message);
    } catch (failure) {
      setError(uploadFailure(failure));
    } finally {
      setProgress(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <div className="chat-file-share">
      <label htmlFor={inputId} className={`button button-quiet chat-file-button${percent !== null ? ' is-busy' : ''}`}>
        Share a file
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={ACCEPT}
        aria-describedby={hintId}
        className="visually-hidden"
        disabled={percent !== null}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void share(file);
        }}
      />
      <span id={hintId} className="muted small chat-file-hint">{WHAT_CAN_BE_SHARED}, up to {formatBytes(CHAT_FILE_MAX_BYTES)}.</span>
      {percent !== null && (
        <div className="upload-progress" data-testid="chat-upload-progress">
          <span id={progressId} className="break-anywhere">
            Sharing {fileName}…
          </span>
          <progress max={100} value={percent} aria-labelledby={progressId} />
          <span aria-hidden="true">{percent}%</span>
        </div>
      )}
      {error && (
        <p className="field-error chat-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
