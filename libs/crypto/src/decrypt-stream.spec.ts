import { Readable } from 'node:stream';
import { collect, collectUntilError, flipBit, patternBytes, piecesOf, splitSealed } from '../test/helpers';
import { decryptBuffer, encryptBuffer } from './buffer-codec';
import { generateDataKey } from './data-key';
import { DecryptStream, createDecryptStream } from './decrypt-stream';
import { DecryptionError, DecryptionErrorCode } from './errors';
import { HEADER_LENGTH } from './stream-format';

const { Corrupt, Truncated, WrongKey, UnsupportedVersion } = DecryptionErrorCode;
const key = generateDataKey();
const chunkSize = 1024;
const sealed = chunkSize + 16;

// Six chunks, the last one short; and four full chunks, where the final chunk is full too.
const plaintext = patternBytes(5 * chunkSize + 300, 11);
const ciphertext = encryptBuffer(key, plaintext, { chunkSize });
const { header, chunks } = splitSealed(ciphertext, chunkSize, HEADER_LENGTH);
const exact = encryptBuffer(key, patternBytes(4 * chunkSize, 12), { chunkSize });
const exactParts = splitSealed(exact, chunkSize, HEADER_LENGTH);
// One short chunk: any chunk size above its length frames it the same, so only the AAD notices a new one.
const single = encryptBuffer(key, patternBytes(100, 13), { chunkSize });
const chunkStart = (index: number): number => HEADER_LENGTH + index * sealed;
const join = (...parts: Buffer[]): Buffer => Buffer.concat([header, ...parts]);

const tamperings: [string, Buffer, DecryptionErrorCode][] = [
  ['a bit flipped in the magic bytes', flipBit(ciphertext, 1), Corrupt],
  ['a bit flipped in the format version', flipBit(ciphertext, 4, 1), UnsupportedVersion],
  ['a bit flipped in the chunk size', flipBit(ciphertext, 7), Corrupt],
  ['the chunk size of a one-chunk stream changed', flipBit(single, 7, 3), Corrupt],
  ['the chunk size raised beyond what a reader accepts', flipBit(ciphertext, 5, 7), Corrupt],
  ['a bit flipped in the salt', flipBit(ciphertext, 12), Corrupt],
  ['a bit flipped in the nonce prefix', flipBit(ciphertext, 30), Corrupt],
  ['a bit flipped in the key check', flipBit(ciphertext, 50), WrongKey],
  ['a bit flipped in the first chunk', flipBit(ciphertext, chunkStart(0) + 5), Corrupt],
  ['a bit flipped in a middle chunk', flipBit(ciphertext, chunkStart(3) + 700, 6), Corrupt],
  ['a bit flipped in the final chunk', flipBit(ciphertext, chunkStart(5) + 1), Corrupt],
  ['a bit flipped in a middle tag', flipBit(ciphertext, chunkStart(3) - 1), Corrupt],
  ['a bit flipped in the final tag', flipBit(ciphertext, ciphertext.length - 1, 7), Corrupt],
  ['the last chunk dropped', join(...chunks.slice(0, -1)), Truncated],
  ['the last three chunks dropped', join(...chunks.slice(0, -3)), Truncated],
  ['the last chunk dropped where every chunk is full', Buffer.concat([exactParts.header, ...exactParts.chunks.slice(0, -1)]), Truncated],
  ['every chunk dropped', header, Truncated],
  ['the first chunk dropped', join(...chunks.slice(1)), Corrupt],
  ['a middle chunk dropped', join(...chunks.slice(0, 2), ...chunks.slice(3)), Corrupt],
  ['two chunks swapped', join(chunks[0], chunks[2], chunks[1], ...chunks.slice(3)), Corrupt],
  ['a middle chunk duplicated', join(...chunks.slice(0, 3), chunks[2], ...chunks.slice(3)), Corrupt],
  ['the final chunk duplicated', join(...chunks, chunks[5]), Corrupt],
  ['one byte appended', Buffer.concat([ciphertext, Buffer.from([0])]), Corrupt],
  ['a chunk of garbage appended', Buffer.concat([ciphertext, patternBytes(sealed, 5)]), Corrupt],
  ['garbage appended after a full final chunk', Buffer.concat([exact, patternBytes(100, 5)]), Corrupt],
  ['a chunk from another stream under the same key spliced in', join(chunks[0], splitSealed(exact, chunkSize, HEADER_LENGTH).chunks[1], ...chunks.slice(2)), Corrupt],
  ['a cut that leaves a chunk too short for its tag', ciphertext.subarray(0, chunkStart(3) + 16), Truncated],
  ['a cut that leaves one byte of a chunk', ciphertext.subarray(0, chunkStart(3) + 1), Truncated],
  // A chunk cut in its middle is indistinguishable from a damaged final chunk.
  ['a cut in the middle of a chunk', ciphertext.subarray(0, chunkStart(3) + 500), Corrupt],
  ['a cut inside the header', ciphertext.subarray(0, 40), Truncated],
  ['a cut inside the magic bytes', ciphertext.subarray(0, 2), Truncated],
  ['nothing at all', Buffer.alloc(0), Truncated],
  ['a file that was never encrypted', patternBytes(5000, 9), Corrupt],
  ['a short file that was never encrypted', Buffer.from('%PDF-'), Corrupt],
];

const decrypters: [string, (bytes: Buffer) => Promise<Buffer>][] = [
  ['the decrypt stream', (bytes) => collect(piecesOf(bytes, 333), createDecryptStream(key))],
  ['the decrypt stream fed in one piece', (bytes) => collect(Readable.from(bytes.length ? [bytes] : []), createDecryptStream(key))],
  ['decryptBuffer', async (bytes) => decryptBuffer(key, bytes)],
];

describe(DecryptStream.name, () => {
  describe.each(decrypters)('%s', (_name, decrypt) => {
    it('reads the untouched streams', async () => {
      expect((await decrypt(ciphertext)).equals(plaintext)).toBe(true);
      expect((await decrypt(exact)).length).toBe(4 * chunkSize);
    });

    it.each(tamperings)('rejects %s', async (_case, bytes, code) => {
      const error = await decrypt(bytes).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(DecryptionError);
      expect(error).toMatchObject({ code });
    });

    it('answers WRONG_KEY for another data key, without naming either key', async () => {
      const error = await decrypt(encryptBuffer(generateDataKey(), plaintext, { chunkSize })).catch((failure: unknown) => failure);
      expect(error).toMatchObject({ code: WrongKey });
      const message = (error as Error).message;
      for (const material of [key.export().toString('hex'), key.export().toString('base64')]) expect(message).not.toContain(material);
    });
  });

  it('emits only verified chunks before it fails, never the failing one', async () => {
    const tampered = flipBit(ciphertext, chunkStart(3) + 10);
    const { emitted, error } = await collectUntilError(piecesOf(tampered, 100), createDecryptStream(key));
    expect(error).toMatchObject({ code: Corrupt });
    expect(emitted.length).toBeLessThanOrEqual(3 * chunkSize);
    expect(emitted.equals(plaintext.subarray(0, emitted.length))).toBe(true);
  });

  it('emits nothing of a final chunk that does not authenticate', async () => {
    const tampered = flipBit(ciphertext, chunkStart(5) + 10);
    const { emitted, error } = await collectUntilError(piecesOf(tampered, 100), createDecryptStream(key));
    expect(error).toMatchObject({ code: Corrupt });
    expect(emitted.length).toBeLessThanOrEqual(5 * chunkSize);
    expect(emitted.equals(plaintext.subarray(0, emitted.length))).toBe(true);
  });
});
