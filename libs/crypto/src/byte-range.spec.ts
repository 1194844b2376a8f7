import { collect, flipBit, patternBytes, piecesOf, seededRandom, splitSealed } from '../test/helpers';
import { ciphertextSize, createRangeDecryptStream, mapPlaintextRange, plaintextSize } from './byte-range';
import { encryptBuffer } from './buffer-codec';
import { DataKey, generateDataKey } from './data-key';
import { DecryptionErrorCode } from './errors';
import { DEFAULT_CHUNK_SIZE, HEADER_LENGTH } from './stream-format';

const key = generateDataKey();

/** What a playback endpoint does: fetch the header and the planned slice, then decrypt the slice. */
async function readRange(stored: Buffer, start: number, end: number, chunkSize: number, pieceSize = 4096, dataKey: DataKey = key): Promise<Buffer> {
  const slice = mapPlaintextRange({ start, end }, stored.length, chunkSize);
  const fetched = stored.subarray(slice.ciphertext.start, slice.ciphertext.end + 1);
  return collect(piecesOf(fetched, pieceSize), createRangeDecryptStream(dataKey, stored.subarray(0, HEADER_LENGTH), slice));
}

describe('byte ranges', () => {
  describe(plaintextSize.name, () => {
    it.each([64, 100, 1024, DEFAULT_CHUNK_SIZE])('inverts ciphertextSize for every size up to four chunks of %i', (chunkSize) => {
      for (let size = 0; size <= 4 * chunkSize + 1; size += chunkSize > 1024 ? 97 : 1) {
        expect(plaintextSize(ciphertextSize(size, chunkSize), chunkSize)).toBe(size);
      }
      expect(plaintextSize(ciphertextSize(1e12, chunkSize), chunkSize)).toBe(1e12);
    });

    it('agrees with what the encrypter writes', () => {
      for (const size of [0, 1, 63, 64, 65, 640, 641]) expect(encryptBuffer(key, Buffer.alloc(size), { chunkSize: 64 }).length).toBe(ciphertextSize(size, 64));
    });

    it.each([0, HEADER_LENGTH, HEADER_LENGTH + 15, HEADER_LENGTH + 80 + 1, HEADER_LENGTH + 80 + 16, HEADER_LENGTH + 3 * 80 + 10])(
      'answers TRUNCATED for %i bytes, which no stream with 64-byte chunks has',
      (size) => {
        expect(() => plaintextSize(size, 64)).toThrow(expect.objectContaining({ code: DecryptionErrorCode.Truncated }));
      },
    );
  });

  describe(mapPlaintextRange.name, () => {
    const stored = ciphertextSize(10 * 1024 + 100, 1024);

    it('plans the chunks that cover a range, by offsets in the stored object', () => {
      expect(mapPlaintextRange({ start: 1500, end: 3000 }, stored, 1024)).toEqual({
        chunkSize: 1024,
        plaintext: { start: 1500, end: 3000 },
        ciphertext: { start: HEADER_LENGTH + 1040, end: HEADER_LENGTH + 3 * 1040 - 1 },
        firstChunkIndex: 1,
        chunkCount: 2,
        includesFinalChunk: false,
      });
      expect(mapPlaintextRange({ start: 10 * 1024, end: 10 * 1024 + 99 }, stored, 1024)).toMatchObject({
        ciphertext: { start: HEADER_LENGTH + 10 * 1040, end: stored - 1 },
        includesFinalChunk: true,
      });
    });

    it.each([
      [-1, 10],
      [10, 9],
      [0, 10 * 1024 + 100],
      [0.5, 10],
      [0, Number.MAX_SAFE_INTEGER + 2],
    ])('refuses the range %d-%d', (start, end) => {
      expect(() => mapPlaintextRange({ start, end }, stored, 1024)).toThrow(RangeError);
    });

    it('refuses every range of an empty plaintext', () => {
      expect(() => mapPlaintextRange({ start: 0, end: 0 }, ciphertextSize(0, 1024), 1024)).toThrow(RangeError);
    });
  });

  describe(createRangeDecryptStream.name, () => {
    const chunkSize = 256;
    const plaintext = patternBytes(36 * chunkSize + 77, 21);
    const stored = encryptBuffer(key, plaintext, { chunkSize });
    const last = plaintext.length - 1;

    it.each([
      [0, last],
      [0, 0],
      [last, last],
      [0, chunkSize - 1],
      [chunkSize, 2 * chunkSize - 1],
      [chunkSize - 1, chunkSize],
      [36 * chunkSize, last],
      [36 * chunkSize - 1, 36 * chunkSize],
    ])('decrypts exactly the bytes %i-%i', async (start, end) => {
      expect((await readRange(stored, start, end, chunkSize)).equals(plaintext.subarray(start, end + 1))).toBe(true);
    });

    it('decrypts exactly the asked-for bytes for 300 random ranges', async () => {
      const random = seededRandom(42);
      for (let i = 0; i < 300; i++) {
        const start = random(plaintext.length);
        const end = start + random(Math.min(plaintext.length - start, i % 3 === 0 ? 40 : 3 * chunkSize));
        const decrypted = await readRange(stored, start, end, chunkSize, 1 + random(2 * chunkSize));
        expect({ start, end, equal: decrypted.equals(plaintext.subarray(start, end + 1)) }).toEqual({ start, end, equal: true });
      }
    });

    it('reads ranges of a file with the default chunk size', async () => {
      const big = patternBytes(3 * DEFAULT_CHUNK_SIZE + 5, 3);
      const bigStored = encryptBuffer(key, big);
      for (const [start, end] of [
        [0, 99],
        [DEFAULT_CHUNK_SIZE - 10, 2 * DEFAULT_CHUNK_SIZE + 10],
        [3 * DEFAULT_CHUNK_SIZE, 3 * DEFAULT_CHUNK_SIZE + 4],
      ]) {
        expect((await readRange(bigStored, start, end, DEFAULT_CHUNK_SIZE, 65536)).equals(big.subarray(start, end + 1))).toBe(true);
      }
    });

    it('answers CORRUPT for a range over a tampered chunk', async () => {
      const tampered = flipBit(stored, HEADER_LENGTH + 5 * (chunkSize + 16) + 3);
      await expect(readRange(tampered, 5 * chunkSize + 10, 5 * chunkSize + 20, chunkSize)).rejects.toMatchObject({ code: DecryptionErrorCode.Corrupt });
      expect((await readRange(tampered, 0, 5 * chunkSize - 1, chunkSize)).equals(plaintext.subarray(0, 5 * chunkSize))).toBe(true);
    });

    it('answers CORRUPT for a chunk served from the wrong place', async () => {
      const { header, chunks } = splitSealed(stored, chunkSize, HEADER_LENGTH);
      const swapped = Buffer.concat([header, chunks[1], chunks[0], ...chunks.slice(2)]);
      await expect(readRange(swapped, 0, 10, chunkSize)).rejects.toMatchObject({ code: DecryptionErrorCode.Corrupt });
    });

    it('answers TRUNCATED when a range reaches the end of a file that lost its final chunk', async () => {
      const cut = stored.subarray(0, HEADER_LENGTH + 36 * (chunkSize + 16));
      await expect(readRange(cut, 35 * chunkSize, 36 * chunkSize - 1, chunkSize)).rejects.toMatchObject({ code: DecryptionErrorCode.Truncated });
    });

    it('answers TRUNCATED for a slice shorter than planned and CORRUPT for a longer one', async () => {
      const slice = mapPlaintextRange({ start: 300, end: 900 }, stored.length, chunkSize);
      const header = stored.subarray(0, HEADER_LENGTH);
      const fetched = stored.subarray(slice.ciphertext.start, slice.ciphertext.end + 1);
      await expect(collect(piecesOf(fetched.subarray(0, -1), 100), createRangeDecryptStream(key, header, slice))).rejects.toMatchObject({
        code: DecryptionErrorCode.Truncated,
      });
      const longer = stored.subarray(slice.ciphertext.start, slice.ciphertext.end + 2);
      await expect(collect(piecesOf(longer, 100), createRangeDecryptStream(key, header, slice))).rejects.toMatchObject({ code: DecryptionErrorCode.Corrupt });
    });

    it('checks the header before anything is fetched: WRONG_KEY, and a slice planned for another chunk size', () => {
      const slice = mapPlaintextRange({ start: 0, end: 10 }, stored.length, chunkSize);
      expect(() => createRangeDecryptStream(generateDataKey(), stored.subarray(0, HEADER_LENGTH), slice)).toThrow(
        expect.objectContaining({ code: DecryptionErrorCode.WrongKey }),
      );
      const planned = mapPlaintextRange({ start: 0, end: 10 }, ciphertextSize(plaintext.length, 128), 128);
      expect(() => createRangeDecryptStream(key, stored.subarray(0, HEADER_LENGTH), planned)).toThrow(RangeError);
    });
  });
});
