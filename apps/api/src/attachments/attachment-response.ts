import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { contentDisposition } from './file-name';
import type { DecryptedRead } from './encrypted-body';
import type { PetAttachment } from './pet-attachment.entity';

/** Shown in the browser; every other type (PDF, DICOM) is offered as a download, never rendered by us. */
const shownInline = (contentType: string) => contentType.startsWith('image/') || contentType.startsWith('video/');

export type SendOutcome = { ok: true } | { ok: false; error: unknown };

/**
 * Writes a decrypted body as the response. Content-Length always states the full span, and
 * if decryption fails midway (or the client leaves) the connection is destroyed, never
 * ended: a client must not take a verified prefix for the whole file.
 */
export async function sendDecrypted(response: Response, attachment: Pick<PetAttachment, 'contentType' | 'fileName'>, read: Extract<DecryptedRead, { kind: 'body' }>): Promise<SendOutcome> {
  const { span, totalSize } = read;
  response.status(span ? 206 : 200);
  response.set({
    'Content-Type': attachment.contentType,
    'Content-Length': String(span ? span.end - span.start + 1 : totalSize),
    'Accept-Ranges': 'bytes',
    'Content-Disposition': contentDisposition(shownInline(attachment.contentType) ? 'inline' : 'attachment', attachment.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    // Opened on its own, a file gets no scripts, no plug-ins and no origin of ours, and no other site frames it.
    'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(span ? { 'Content-Range': `bytes ${span.start}-${span.end}/${totalSize}` } : {}),
  });
  if (response.req.method === 'HEAD') {
    read.body.destroy();
    response.end();
    return { ok: true };
  }
  try {
    await pipeline(read.body, response);
    return { ok: true };
  } catch (error) {
    response.destroy();
    return { ok: false, error };
  }
}
