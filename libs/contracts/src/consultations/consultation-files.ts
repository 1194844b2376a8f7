/**
 * Files shared in a consultation's chat: `POST /api/consultations/:id/files`, a
 * multipart/form-data body with an optional `clientMessageId` field (a UUID: sending the
 * same one again stores one message) before the `file` part. The answer is the
 * ChatMessageView carrying the file, which the room also broadcasts; the file downloads
 * from `GET /api/consultations/:id/files/:fileId`.
 */
const MIB = 1024 * 1024;

/** Largest file that may be shared in a consultation: a phone's short video fits, a film does not. */
export const CHAT_FILE_MAX_BYTES = 100 * MIB;

/** What may be shared, as detected from the content (photos, PDFs, videos); anything else is ATTACHMENT_TYPE_NOT_ALLOWED. */
export const CHAT_FILE_CONTENT_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'video/mp4',
  'video/webm',
  'video/quicktime',
];
