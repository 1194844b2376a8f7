import { ATTACHMENT_MAX_BYTES, ErrorCode, UploadAttachmentRequest, type AttachmentKindValue } from '@vetmeet/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppError } from '../common/errors/app-error';
import { attachmentRules } from './content-type-gate';
import type { UploadForm } from './multipart-upload';

/** `kind`, then `file`: the kind decides the size limit and the allowed types. */
export const PET_ATTACHMENT_FORM: UploadForm<{ kind: AttachmentKindValue }> = {
  fields: ['kind'],
  describe: 'the fields kind and file',
  maxRequestBytes: Math.max(...Object.values(ATTACHMENT_MAX_BYTES)) + 1024 * 1024,
  accept(fields) {
    if (fields.kind === undefined) throw new AppError(ErrorCode.ValidationFailed, 'The field kind must come before the file.');
    const request = plainToInstance(UploadAttachmentRequest, { kind: fields.kind });
    const problems = validateSync(request).flatMap((error) => Object.values(error.constraints ?? {}));
    if (problems.length > 0) throw new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', problems);
    return { fields: { kind: request.kind }, rules: attachmentRules(request.kind) };
  },
};
