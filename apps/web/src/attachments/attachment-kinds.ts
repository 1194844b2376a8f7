import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, type AttachmentKindValue } from '@vetmeet/contracts/client';

/*
 * What each kind of attachment may be, in words, from the same contracts the server
 * enforces: the limits shown are the ones the upload is held to.
 */

export const kindLabels: Record<AttachmentKindValue, string> = {
  photo: 'Photo',
  video: 'Video',
  lab_result: 'Lab result',
  diagnostic_image: 'Diagnostic image',
};

const typeNames: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
  'video/quicktime': 'QuickTime (MOV)',
  'application/pdf': 'PDF',
  'application/dicom': 'DICOM',
};

/** File-name endings for the file picker, beside the types: browsers know no type for DICOM files. */
const extensions: Record<string, string[]> = {
  'application/dicom': ['.dcm'],
  'image/heic': ['.heic'],
  'image/heif': ['.heif'],
};

export const typeName = (contentType: string) => typeNames[contentType] ?? contentType;

/** "JPEG, PNG, WebP, HEIC or HEIF". */
export function acceptedTypesPhrase(kind: AttachmentKindValue): string {
  const names = ATTACHMENT_CONTENT_TYPES[kind].map(typeName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? '');
}

/** The file input's accept attribute: a hint to the picker, never a check (the server reads the content). */
export function acceptAttribute(kind: AttachmentKindValue): string {
  return ATTACHMENT_CONTENT_TYPES[kind].flatMap((type) => [type, ...(extensions[type] ?? [])]).join(',');
}

export const maxBytesOf = (kind: AttachmentKindValue) => ATTACHMENT_MAX_BYTES[kind];

/** "820 KB", "4.2 MB", "20 MB": binary units, as the limits are, with the everyday names. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
  return `${rounded} ${units[unit]}`;
}

/** Shown in the page (thumbnail, or opened in a tab) rather than downloaded: as the server's Content-Disposition decides. */
export const opensInBrowser = (contentType: string) => contentType.startsWith('image/') || contentType.startsWith('video/');

/** Browsers draw these as images; HEIC and friends mostly not. */
export const hasThumbnail = (contentType: string) => ['image/jpeg', 'image/png', 'image/webp'].includes(contentType);
