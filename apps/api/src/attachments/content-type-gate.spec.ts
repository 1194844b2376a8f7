import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ErrorCode } from '@vetmeet/contracts';
import { ContentTypeGate, SNIFF_BYTES, attachmentRules, claimFits, detectContentType } from './content-type-gate';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const png = (size: number) => Buffer.concat([PNG_SIGNATURE, Buffer.alloc(size - PNG_SIGNATURE.length, 1)]);

describe(detectContentType.name, () => {
  it('knows DICOM by "DICM" after the 128-byte preamble', async () => {
    expect(await detectContentType(Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.alloc(64)]))).toBe('application/dicom');
  });

  it('goes by content, not by anything around it', async () => {
    expect(await detectContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(await detectContentType(Buffer.from('just some text'))).toBeUndefined();
  });
});

describe(claimFits.name, () => {
  it.each([
    [undefined, 'image/png', true],
    ['application/octet-stream', 'application/dicom', true],
    ['image/jpeg', 'image/png', true],
    ['video/mp4', 'video/quicktime', true],
    ['application/pdf; charset=binary', 'application/pdf', true],
    ['image/png', 'application/pdf', false],
    ['application/pdf', 'image/png', false],
    ['image/png', 'video/mp4', false],
  ])('claimed %p, content %s: %p', (claimed, actual, fits) => {
    expect(claimFits(claimed, actual as string)).toBe(fits);
  });
});

describe(ContentTypeGate.name, () => {
  const through = (gate: ContentTypeGate, ...parts: Buffer[]) => buffer(Readable.from(parts).pipe(gate));

  it('passes every byte through, in order, once the type is allowed', async () => {
    const body = png(3 * SNIFF_BYTES);
    const gate = new ContentTypeGate(attachmentRules('photo'), 'image/png');
    const parts = [body.subarray(0, 10), body.subarray(10, 5000), body.subarray(5000)];
    expect(Buffer.compare(await through(gate, ...parts), body)).toBe(0);
    expect(gate.contentType).toBe('image/png');
  });

  it('decides on a file shorter than the sniffing window when it ends', async () => {
    const gate = new ContentTypeGate(attachmentRules('photo'), undefined);
    expect((await through(gate, png(100))).length).toBe(100);
  });

  it('lets nothing through when the type is not allowed', async () => {
    const gate = new ContentTypeGate(attachmentRules('photo'), 'image/png');
    const received: Buffer[] = [];
    gate.on('data', (part: Buffer) => received.push(part));
    await expect(through(gate, Buffer.from('%PDF-1.7\n'), Buffer.alloc(SNIFF_BYTES))).rejects.toMatchObject({ code: ErrorCode.AttachmentTypeNotAllowed });
    expect(received).toEqual([]);
  });
});
