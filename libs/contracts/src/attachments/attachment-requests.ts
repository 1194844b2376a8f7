import { IsIn } from 'class-validator';
import { ATTACHMENT_KINDS, type AttachmentKindValue } from './attachment-payloads';

/**
 * The form fields of `POST /api/pets/:petId/attachments` (multipart/form-data) besides the
 * `file` part itself, which must come after them: the size limit and the allowed types
 * depend on the kind, and the file is checked while it streams in.
 */
export class UploadAttachmentRequest {
  @IsIn(ATTACHMENT_KINDS)
  kind!: AttachmentKindValue;
}
