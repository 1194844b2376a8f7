/**
 * What may be attached to a pet's record, in one place for the server (which enforces it)
 * and the browser (which can say so before a long upload starts). The server decides the
 * type from the file's first bytes, never from its name or the type the browser claims.
 */
export type AttachmentKindValue = 'photo' | 'video' | 'lab_result' | 'diagnostic_image';

export const ATTACHMENT_KINDS: readonly AttachmentKindValue[] = ['photo', 'video', 'lab_result', 'diagnostic_image'];

const MIB = 1024 * 1024;

/** Largest file accepted per kind, in bytes: a bigger upload fails with PAYLOAD_TOO_LARGE and nothing is kept. */
export const ATTACHMENT_MAX_BYTES: Readonly<Record<AttachmentKindValue, number>> = {
  photo: 20 * MIB,
  video: 200 * MIB,
  lab_result: 20 * MIB,
  diagnostic_image: 20 * MIB,
};

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;

/** Content types accepted per kind, as detected from the content; anything else is ATTACHMENT_TYPE_NOT_ALLOWED. */
export const ATTACHMENT_CONTENT_TYPES: Readonly<Record<AttachmentKindValue, readonly string[]>> = {
  photo: PHOTO_TYPES,
  video: ['video/mp4', 'video/webm', 'video/quicktime'],
  lab_result: ['application/pdf', ...PHOTO_TYPES],
  diagnostic_image: ['application/dicom', 'image/jpeg', 'image/png', 'application/pdf'],
};

export interface AttachmentView {
  id: string;
  kind: AttachmentKindValue;
  /** As uploaded, for showing back; the download's Content-Disposition carries a sanitized form. */
  fileName: string;
  /** Detected from the content when it was uploaded. */
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}
