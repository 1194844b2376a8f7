import type { AttachmentKindValue, AttachmentView } from '@vetmeet/contracts/client';
import { api } from './client';
import { postMultipart, type UploadOptions } from './multipart-upload';

const attachmentsPath = (petId: string) => `/pets/${encodeURIComponent(petId)}/attachments`;

export const listAttachments = (petId: string, signal?: AbortSignal) => api.get<AttachmentView[]>(attachmentsPath(petId), { signal });

export const deleteAttachment = (petId: string, attachmentId: string) => api.delete(`${attachmentsPath(petId)}/${encodeURIComponent(attachmentId)}`);

/** The decrypted file, for <img src>, a link to open it, or a download: same origin, so the session cookie goes along. */
export const attachmentContentUrl = (petId: string, attachmentId: string) => `/api${attachmentsPath(petId)}/${encodeURIComponent(attachmentId)}/content`;

/**
 * Sends one file as multipart/form-data, `kind` before `file` (the server picks the size
 * limit and allowed types from it before the file streams in).
 */
export function uploadAttachment(petId: string, kind: AttachmentKindValue, file: File, options: UploadOptions = {}): Promise<AttachmentView> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return postMultipart<AttachmentView>(attachmentsPath(petId), form, options);
}
