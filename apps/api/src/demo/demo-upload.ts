import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A complete multipart/form-data request with one file in the field `file`, as a browser
 * sends a profile photo: the demo hands it to the same upload path the API's route uses.
 */
export function multipartFileRequest(file: { name: string; contentType: string; body: Buffer }): IncomingMessage {
  const boundary = `----vetmeet-demo-${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`,
    ),
    file.body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const stream = Readable.from([body]);
  const headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(body.length),
  };
  return Object.assign(stream, { headers, complete: true }) as unknown as IncomingMessage;
}
