import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ATTACHMENT_MAX_BYTES, CHAT_FILE_MAX_BYTES, ErrorCode } from '@vetmeet/contracts';
import busboy from 'busboy';
import { AppError } from '../common/errors/app-error';
import { allowSlowBody } from '../web/request-body-limits';
import type { FileRules } from './content-type-gate';
import { cleanFileName } from './file-name';

/**
 * One kind of upload form: the fields it sends before its file (the file's rules may
 * depend on them), and what they mean. Pet attachments send `kind`; chat files an
 * optional `clientMessageId`.
 */
export interface UploadForm<F> {
  /** The fields that may come before the file; none may come after it. */
  fields: readonly string[];
  /** For messages: how the form is sent, e.g. "the fields kind and file". */
  describe: string;
  /** The largest request the form may be: its largest file plus room for the form around it. */
  maxRequestBytes: number;
  /** Called as the file starts, with the fields sent so far; throws an AppError (VALIDATION_FAILED) when they are not right. */
  accept(fields: Readonly<Record<string, string>>): { fields: F; rules: FileRules };
}

/** The one file of an upload, as its bytes start to arrive. */
export interface IncomingFile<F = unknown> {
  fields: F;
  rules: FileRules;
  fileName: string;
  /** What the browser said the type is (from the file's name); only a hint. */
  claimedType: string | undefined;
  body: Readable;
}

/** The largest request any upload may be; past it, a body we are discarding is cut off instead. */
export const MAX_UPLOAD_REQUEST_BYTES = Math.max(...Object.values(ATTACHMENT_MAX_BYTES), CHAT_FILE_MAX_BYTES) + 1024 * 1024;

/** busboy reports files and fields past their limits, but parts when the count is reached: one more than fields + file is one too many. */
const formLimits = (fields: number) => ({ files: 1, fields, parts: fields + 2, fieldNameSize: 32, fieldSize: 64, headerPairs: 8 });

/** How much of the file busboy may hold ahead of us: one encryption chunk's worth. */
const FILE_HIGH_WATER_MARK = 64 * 1024;

const invalid = (message: string) => new AppError(ErrorCode.ValidationFailed, message);

/**
 * Reads a multipart/form-data upload of one file without holding it in memory. The form's
 * fields must come before the `file` part (as S3's browser uploads want their fields before
 * the file): the rules they decide apply while the file streams in. `store`
 * gets the file as soon as its part starts; the result is the store's, once the whole form
 * has been read. On failure the rest of the request is discarded, and this settles only
 * after `store` has, so the caller can clean up what it stored.
 */
export function receiveUpload<F, T>(request: IncomingMessage, form: UploadForm<F>, store: (file: IncomingFile<F>) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const declaredLength = Number(request.headers['content-length'] ?? 0);
    if (declaredLength > form.maxRequestBytes) {
      discardBody(request);
      reject(new AppError(ErrorCode.PayloadTooLarge, 'This upload is larger than any file sent here may be.'));
      return;
    }
    if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '')) {
      discardBody(request);
      reject(invalid(`Send the file as multipart/form-data with ${form.describe}.`));
      return;
    }
    // An upload the caller authorised may take the server's long request timeout, not a JSON body's.
    allowSlowBody(request);

    const values: Record<string, string> = {};
    let file: Readable | undefined;
    let storing: Promise<T> | undefined;
    let stored: { result: T } | undefined;
    let formRead = false;
    let settled = false;
    const parser = busboy({ headers: request.headers, limits: formLimits(form.fields.length), defParamCharset: 'utf8', fileHwm: FILE_HIGH_WATER_MARK });

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
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

    parser.on('field', (name, value, info) => {
      if (!form.fields.includes(name) || Object.hasOwn(values, name)) return fail(invalid(`Unexpected form field "${name.slice(0, 32)}": send only ${form.describe}.`));
      if (info.valueTruncated) return fail(invalid(`The field ${name} is too long.`));
      values[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (settled) {
        stream.resume();
        return;
      }
      file = stream;
      // fail() destroys it with the reason; whoever reads it (store) hears that, nobody else needs to.
      stream.on('error', () => undefined);
      if (name !== 'file') return fail(invalid(`The file must be sent as the form field "file", not "${name.slice(0, 32)}".`));
      let accepted: ReturnType<UploadForm<F>['accept']>;
      try {
        accepted = form.accept(values);
      } catch (error) {
        return fail(error as Error);
      }
      storing = store({ ...accepted, fileName: cleanFileName(info.filename), claimedType: info.mimeType, body: stream });
      storing.then((result) => {
        stored = { result };
        finishIfDone();
      }, fail);
    });
    parser.on('filesLimit', () => fail(invalid('Send one file per upload.')));
    parser.on('fieldsLimit', () => fail(invalid(`Send only ${form.describe}.`)));
    parser.on('partsLimit', () => fail(invalid(`Send only ${form.describe}.`)));
    parser.on('error', () => fail(invalid('The multipart/form-data body is malformed or incomplete.')));
    parser.on('close', () => {
      formRead = true;
      if (!storing) fail(invalid('The field file is missing.'));
      else finishIfDone();
    });
    // A client that goes away mid-upload never ends the form: fail instead of waiting forever.
    request.on('close', () => {
      if (!request.complete) fail(invalid('The upload was interrupted.'));
    });
    request.pipe(parser);
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
