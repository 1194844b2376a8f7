import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { collect, patternBytes, piecesOf, seededRandom } from '../test/helpers';
import { ciphertextSize } from './byte-range';
import { decryptBuffer, encryptBuffer } from './buffer-codec';
import { generateDataKey } from './data-key';
import { createDecryptStream } from './decrypt-stream';
import { EncryptStream, createEncryptStream } from './encrypt-stream';
import { DEFAULT_CHUNK_SIZE, HEADER_LENGTH, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from './stream-format';

describe(EncryptStream.name, () => {
  const key = generateDataKey();
  const chunk = DEFAULT_CHUNK_SIZE;

  describe.each([0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 3 * chunk + 17])('a plaintext of %i bytes', (size) => {
    const plaintext = patternBytes(size, size + 1);

    it.each([4096, chunk, 100_000])('round-trips through both streams when written in pieces of %i', async (pieceSize) => {
      const ciphertext = await collect(piecesOf(plaintext, pieceSize), createEncryptStream(key));
      expect(ciphertext.length).toBe(ciphertextSize(size, chunk));
      expect((await collect(piecesOf(ciphertext, pieceSize), createDecryptStream(key))).equals(plaintext)).toBe(true);
    });

    it('reads the same with the buffer helpers as with the streams, both ways', async () => {
      const streamed = await collect(piecesOf(plaintext, 5000), createEncryptStream(key));
      expect(decryptBuffer(key, streamed).equals(plaintext)).toBe(true);
      const buffered = encryptBuffer(key, plaintext);
      expect(buffered.length).toBe(streamed.length);
      expect((await collect(piecesOf(buffered, 3000), createDecryptStream(key))).equals(plaintext)).toBe(true);
    });
  });

  it('streams several megabytes through encryption and decryption in one pipeline', async () => {
    const plaintext = patternBytes(5 * 1024 * 1024 + 123, 7);
    const decrypted = await collect(piecesOf(plaintext, 16 * 1024), createEncryptStream(key), createDecryptStream(key));
    expect(sha256(decrypted)).toBe(sha256(plaintext));
  });

  it('round-trips byte by byte with a small chunk size', async () => {
    const plaintext = patternBytes(1000, 3);
    const ciphertext = await collect(piecesOf(plaintext, 1), createEncryptStream(key, { chunkSize: MIN_CHUNK_SIZE }));
    expect((await collect(piecesOf(ciphertext, 1), createDecryptStream(key))).equals(plaintext)).toBe(true);
  });

  it.each(Array.from({ length: 30 }, (_, i) => 1000 + i))('round-trips random chunk, plaintext and piece sizes (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const chunkSize = MIN_CHUNK_SIZE + random(4096);
    const size = random(12 * chunkSize);
    const plaintext = patternBytes(size, seed);
    const ciphertext = await collect(piecesOf(plaintext, 1 + random(3 * chunkSize)), createEncryptStream(key, { chunkSize }));
    expect(ciphertext.length).toBe(ciphertextSize(size, chunkSize));
    expect(ciphertext.readUInt32BE(5)).toBe(chunkSize);
    const decrypted = await collect(piecesOf(ciphertext, 1 + random(3 * chunkSize)), createDecryptStream(key));
    expect(decrypted.equals(plaintext)).toBe(true);
  });

  it('writes the magic, version and chunk size first and a fresh salt and nonce prefix every time', async () => {
    const plaintext = Buffer.from('same words twice');
    const first = await collect(Readable.from([plaintext]), createEncryptStream(key, { chunkSize: 4096 }));
    const second = await collect(Readable.from([plaintext]), createEncryptStream(key, { chunkSize: 4096 }));
    expect(first.subarray(0, 9)).toEqual(Buffer.from([0x56, 0x4d, 0x45, 0x46, 1, 0, 0, 0x10, 0]));
    expect(first.subarray(9, 32).equals(second.subarray(9, 32))).toBe(false);
    expect(first.subarray(HEADER_LENGTH).equals(second.subarray(HEADER_LENGTH))).toBe(false);
    expect(first.subarray(HEADER_LENGTH).includes(plaintext)).toBe(false);
  });

  it.each([MIN_CHUNK_SIZE - 1, MAX_CHUNK_SIZE + 1, 1000.5, Number.NaN])('refuses a chunk size of %d', (chunkSize) => {
    expect(() => createEncryptStream(key, { chunkSize })).toThrow(RangeError);
    expect(() => encryptBuffer(key, Buffer.alloc(1), { chunkSize })).toThrow(RangeError);
  });

  it('refuses anything but a 256-bit secret KeyObject as the data key', () => {
    expect(() => createEncryptStream(randomBytes(32) as never)).toThrow(TypeError);
    expect(() => createEncryptStream(createSecretKey(randomBytes(16)))).toThrow(TypeError);
    expect(() => createDecryptStream(createSecretKey(randomBytes(16)))).toThrow(TypeError);
  });
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
