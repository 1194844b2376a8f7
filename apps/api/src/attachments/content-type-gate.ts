import { Transform, type TransformCallback } from 'node:stream';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, ErrorCode, type AttachmentKindValue } from '@vetmeet/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../common/errors/app-error';

/** file-type decides from at most this many leading bytes (its own "reasonable detection size"). */
export const SNIFF_BYTES = 4100;

/** DICOM Part 10: a 128-byte preamble, then "DICM". */
const DICOM_MAGIC = Buffer.from('DICM', 'ascii');
const DICOM_MAGIC_OFFSET = 128;

/** What a part's Content-Type says when the browser said nothing specific (RFC 7578 defaults to text/plain). */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'text/plain']);

/** What an uploaded file is held to while it streams in: pet attachments per kind, chat files as a whole. */
export interface FileRules {
  /** Names the file in messages: "a lab result", "a shared file". */
  what: string;
  maxBytes: number;
  /** Allowed types, as detected from the content. */
  contentTypes: readonly string[];
}

export const attachmentRules = (kind: AttachmentKindValue): FileRules => ({
  what: `a ${kind.replace('_', ' ')}`,
  maxBytes: ATTACHMENT_MAX_BYTES[kind],
  contentTypes: ATTACHMENT_CONTENT_TYPES[kind],
});

/** The type of a file from its first bytes alone; undefined when nothing we know matches. */
export async function detectContentType(head: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  if (detected) return detected.mime;
  const magic = head.subarray(DICOM_MAGIC_OFFSET, DICOM_MAGIC_OFFSET + DICOM_MAGIC.length);
  return magic.equals(DICOM_MAGIC) ? 'application/dicom' : undefined;
}

/**
 * Whether the type a browser claimed (from the file's name) fits what the content is. A
 * PNG claimed as JPEG is a common naming slip; a PDF or a program claimed as an image is
 * a mislabeled file, refused even where its real type would be allowed.
 */
export function claimFits(claimed: string | undefined, actual: string): boolean {
  const normalized = (claimed ?? '').split(';')[0].trim().toLowerCase();
  if (NO_CLAIM.has(normalized)) return true;
  const family = (type: string) => (type.startsWith('image/') || type.startsWith('video/') ? type.split('/')[0] : type);
  return family(normalized) === family(actual);
}

/**
 * Holds back the first bytes of an upload until their type is known, and lets the upload
 * continue only if that type is allowed by the rules (and fits what was claimed). Nothing reaches encryption or storage before that decision.
 */
export class ContentTypeGate extends Transform {
  contentType: string | undefined;
  private head: Buffer[] = [];
  private headLength = 0;

  constructor(
    private readonly rules: FileRules,
    private readonly claimed: string | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.contentType) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) done();
    else this.decide().then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    if (this.contentType) done();
    else this.decide().then(() => done(), done);
  }

  private async decide(): Promise<void> {
    const head = Buffer.concat(this.head);
    this.head = [];
    const type = await detectContentType(head);
    const allowed = this.rules.contentTypes;
    if (!type || !allowed.includes(type)) {
      const what = this.rules.what.charAt(0).toUpperCase() + this.rules.what.slice(1);
      throw new AppError(ErrorCode.AttachmentTypeNotAllowed, `${what} must be one of ${allowed.join(', ')}; this file's content is ${type ?? 'of no type we accept'}.`);
    }
    if (!claimFits(this.claimed, type)) {
      throw new AppError(ErrorCode.AttachmentTypeNotAllowed, `This file was sent as ${this.claimed} but its content is ${type}.`);
    }
    this.contentType = type;
    this.push(head);
  }
}
