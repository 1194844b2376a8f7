import type { ChatAttachmentView } from '@vetmeet/contracts/client';
import { consultationFileUrl } from '../../api/consultations';
import { formatBytes } from '../../attachments/attachment-kinds';

/** Pictures every browser draws; HEIC and HEIF (iPhone photos) are offered as downloads only. */
const SHOWN_AS_PICTURES = new Set(['image/jpeg', 'image/png', 'image/webp']);

interface ChatAttachmentProps {
  consultationId: string;
  attachment: ChatAttachmentView;
  /** The picture's height arrives only once it loads: the in-call list scrolls to keep the newest in view. */
  onPictureLoad?: () => void;
}

/**
 * A file shared in the chat: its download link, and for a picture a thumbnail that opens it full
 * size. The thumbnail is an <img> of the same-origin file URL rather than a fetched blob: the
 * server decrypts for the participants only and answers `Cache-Control: private, no-store`, so
 * the browser keeps no copy on disk, the image stays inside `img-src 'self'`, and there is no
 * object URL whose revocation could be missed.
 */
export function ChatAttachment({ consultationId, attachment, onPictureLoad }: ChatAttachmentProps) {
  const url = consultationFileUrl(consultationId, attachment.id);
  const download = (
    <>
      <a href={url} download={attachment.fileName} className="break-anywhere">
        {attachment.fileName}
      </a>{' '}
      <span className="muted small">({formatBytes(attachment.sizeBytes)})</span>
    </>
  );
  if (!SHOWN_AS_PICTURES.has(attachment.contentType)) return <p className="chat-file">{download}</p>;
  return (
    <figure className="chat-picture" data-testid="chat-picture">
      <a href={url} target="_blank" rel="noopener" className="chat-picture-link">
        <img
          src={url}
          alt={`Photo: ${attachment.fileName}`}
          className="chat-picture-image"
          decoding="async"
          onLoad={onPictureLoad}
        />
        <span className="visually-hidden"> (opens full size in a new tab)</span>
      </a>
      <figcaption className="chat-file">{download}</figcaption>
    </figure>
  );
}
