import { CHAT_FILE_CONTENT_TYPES, CHAT_FILE_MAX_BYTES, ErrorCode } from '@vetmeet/contracts';
import { isUUID } from 'class-validator';
import type { UploadForm } from '../attachments/multipart-upload';
import { AppError } from '../common/errors/app-error';

/** An optional `clientMessageId` (a UUID; a retried upload with the same one stores one message), then `file`. */
export const CHAT_FILE_FORM: UploadForm<{ clientMessageId: string | undefined }> = {
  fields: ['clientMessageId'],
  describe: 'an optional clientMessageId field and then the file',
  maxRequestBytes: CHAT_FILE_MAX_BYTES + 1024 * 1024,
  accept(fields) {
    const { clientMessageId } = fields;
    if (clientMessageId !== undefined && !isUUID(clientMessageId)) {
      throw new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', ['clientMessageId: must be a UUID']);
    }
    return { fields: { clientMessageId }, rules: { what: 'a shared file', maxBytes: CHAT_FILE_MAX_BYTES, contentTypes: CHAT_FILE_CONTENT_TYPES } };
  },
};
