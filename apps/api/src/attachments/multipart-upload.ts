import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ATTACHMENT_MAX_BYTES, ErrorCode, UploadAttachmentRequest, type AttachmentKindValue } from '@vetmeet/contracts';
import busboy from 'busboy';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppError } from '../common/errors/app-error';
import { cleanFileName } from './file-name';

/** The one file of an upload, as its bytes start to arrive. */
export interface IncomingFile {
  kind: AttachmentKindValue;
  fileName: string;
  /** What the browser said the type is (from the file's name); only a hint. */
  claimedType: string | undefined;
  body: Readable;
}

/** The largest request an upload may be: the largest file plus room for the form around it. */
export const MAX_UPLOAD_REQUEST_BYTES = Math.max(...Object.values(ATTACHMENT_MAX_BYTES)) + 1024 * 1024;

/** busboy reports files and fields past their limits, but parts when the count is reached: a third part is one too many. */
const FORM_LIMITS = { files: 1, fields: 1, parts: 3, fieldNameSize: 32, fieldSize: 64, headerPairs: 8 };

/** How much of the file busboy may hold ahead of us: one encryption chunk's worth. */
const FILE_HIGH_WATER_MARK = 64 * 1024;

const invalid = (message: string) => new AppError(ErrorCode.ValidationFailed, message);

/**
 * Reads a multipart/form-data upload of one file without holding it in memory. The `kind`
 * field must come before the `file` part (as S3's browser uploads want their fields before
 * the file): its size limit and allowed types apply while the file streams in. `store`
 * gets the file as soon as its part starts; the result is the store's, once the whole form
 * has been read. On failure the rest of the request is discarded, and this settles only
 * after `store` has, so the caller can clean up what it stored.
 */
export function receiveUpload<T>(request: IncomingMessage, store: (file: IncomingFile) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const declaredLength = Number(request.headers['content-length'] ?? 0);
    if (declaredLength > MAX_UPLOAD_REQUEST_BYTES) {
      discardBody(request);
      reject(new AppError(ErrorCode.PayloadTooLarge, 'This upload is larger than any attachment may be.'));
      return;
    }
    if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '')) {
      discardBody(request);
      reject(invalid('Send the attachment as multipart/form-data with the fields kind and file.'));
      return;
    }

    let kind: AttachmentKindValue | undefined;
    let file: Readable | undefined;
    let storing: Promise<T> | undefined;
    let stored: { result: T } | undefined;
    let formRead = false;
    let settled = false;
    const form = busboy({ headers: request.headers, limits: FORM_LIMITS, defParamCharset: 'utf8', fileHwm: FILE_HIGH_WATER_MARK });

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.unpipe(form);
      discardBody(request);
      file?.destroy(error);
      const storeSettled = storing ? storing.then(() => undefined, () => undefined) : Promise.resolve();
      void storeSettled.then(() => reject(error));
    };
    const finishIfDone = () => {
      if (settled || !formRead || !stored) return;
      // From here on a late 'close' of the request cannot undo the finished upload.
      settled = true;
      resolve(stored.result);
    };

    form.on('field', (name, value, info) => {
      if (name !== 'kind') return fail(invalid(`Unknown form field "${name.slice(0, 32)}": send only kind and file.`));
      if (info.valueTruncated) return fail(invalid('kind is not a kind of attachment.'));
      const fields = plainToInstance(UploadAttachmentRequest, { kind: value });
      const problems = validateSync(fields).flatMap((error) => Object.values(error.constraints ?? {}));
      if (problems.length > 0) return fail(new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', problems));
      kind = fields.kind;
    });
    form.on('file', (name, stream, info) => {
      if (settled) {
        stream.resume();
        return;
      }
      file = stream;
      // fail() destroys it with the reason; whoever reads it (store) hears that, nobody else needs to.
      stream.on('error', () => undefined);
      if (name !== 'file') return fail(invalid(`The file must be sent as the form field "file", not "${name.slice(0, 32)}".`));
      if (!kind) return fail(invalid('The field kind must come before the file.'));
      storing = store({ kind, fileName: cleanFileName(info.filename), claimedType: info.mimeType, body: stream });
      storing.then((result) => {
        stored = { result };
        finishIfDone();
      }, fail);
    });
    form.on('filesLimit', () => fail(invalid('Send one file per upload.')));
    form.on('fieldsLimit', () => fail(invalid('Send only the fields kind and file.')));
    form.on('partsLimit', () => fail(invalid('Send only the fields kind and file.')));
    form.on('error', () => fail(invalid('The multipart/form-data body is malformed or incomplete.')));
    form.on('close', () => {
      formRead = true;
      if (!storing) fail(invalid('The field file is missing.'));
      else finishIfDone();
    });
    // A client that goes away mid-upload never ends the form: fail instead of waiting forever.
    request.on('close', () => {
      if (!request.complete) fail(invalid('The upload was interrupted.'));
    });
    request.pipe(form);
  });
}

/**
 * Reads and drops the rest of a request we already answered, so the client, which may
 * still be sending, reads our answer rather than a reset connection. Past the size no
 * upload may have, the connection is cut instead.
 */
export function discardBody(request: IncomingMessage): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_UPLOAD_REQUEST_BYTES) request.destroy();
  });
  request.resume();
}
