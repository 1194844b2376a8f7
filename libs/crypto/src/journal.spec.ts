import { Readable } from 'node:stream';
import { collect, flipBit, patternBytes, piecesOf } from '../test/helpers';
import { generateDataKey, type DataKey } from './data-key';
import { createEncryptStream } from './encrypt-stream';
import { DecryptionErrorCode } from './errors';
import { JournalEncrypter } from './journal-encrypter';
import { JournalReader } from './journal-reader';
import { HEADER_LENGTH, TAG_LENGTH } from './stream-format';
import { StoredStreamDigest } from './tag-digest';

const CHUNK = 1024;
const JOURNAL_ID = 'recording-journals/ab/cd';
const SEALED = CHUNK + TAG_LENGTH;

/** Writes `plaintext` in pieces of `piece` bytes, flushing after every `flushEvery` pieces. */
function journalOf(dataKey = generateDataKey(), plaintext: Buffer, piece: number, flushEvery: number) {
  const encrypter = new JournalEncrypter(dataKey, { journalId: JOURNAL_ID, chunkSize: CHUNK });
  const parts: Buffer[] = [];
  for (let offset = 0, n = 1; offset < plaintext.length; offset += piece, n++) {
    parts.push(...encrypter.write(plaintext.subarray(offset, offset + piece)));
    if (n % flushEvery === 0) parts.push(...encrypter.flush());
  }
  parts.push(...encrypter.flush());
  return { dataKey, stored: Buffer.concat(parts), summary: encrypter.summary() };
}

/** `journalId` null: a reader not told which journal it reads. */
async function read(dataKey: DataKey, stored: Buffer, piece = 777, journalId: string | null = JOURNAL_ID) {
  const reader = new JournalReader(dataKey, { journalId: journalId ?? undefined });
  const plaintext = await collect(piecesOf(stored, piece), reader);
  return { plaintext, report: reader.report };
}

describe('journals', () => {
  it.each([
    ['pieces smaller than a chunk, a flush every few', 300, 5],
    ['pieces larger than a chunk', 5000, 2],
    ['a flush after every piece', 1024, 1],
    ['a flush after a piece of exactly one chunk', 1024, 3],
  ])('round-trips %s, every stream complete, tags hashed the same on both sides', async (_name, piece, flushEvery) => {
    const plaintext = patternBytes(40_000, piece);
    const { dataKey, stored, summary } = journalOf(undefined, plaintext, piece, flushEvery);
    expect(summary.storedBytes).toBe(stored.length);
    const { plaintext: read1, report } = await read(dataKey, stored);
    expect(Buffer.compare(read1, plaintext)).toBe(0);
    const { streamCount, chunkCount } = summary;
    expect(report).toMatchObject({ complete: true, streamCount, chunkCount, discardedBytes: 0 });
    expect(report?.tagDigest).toBe(summary.tagDigest);
  });

  it('keeps every complete chunk of a journal cut anywhere, and nothing unauthenticated', async () => {
    const plaintext = patternBytes(20_000, 7);
    const { dataKey, stored } = journalOf(undefined, plaintext, 700, 4);
    for (let cut = 0; cut <= stored.length; cut += 97) {
      const { plaintext: kept, report } = await read(dataKey, stored.subarray(0, cut), 500);
      expect(Buffer.compare(kept, plaintext.subarray(0, kept.length))).toBe(0);
      expect(report?.readableBytes).toBeLessThanOrEqual(cut);
      // What is lost is at most a part-written chunk and the header before it.
      expect(cut - (report?.readableBytes ?? 0)).toBeLessThan(SEALED + HEADER_LENGTH);
      expect((report?.readableBytes ?? 0) + (report?.discardedBytes ?? 0)).toBe(cut);
      // A cut at a stream's end looks complete, and is: nothing of it was lost.
      if (cut === stored.length) expect(report?.complete).toBe(true);
    }
  });

  it('keeps the last chunk of a stream cut right after it, with nothing of the next chunk written', async () => {
    const plaintext = patternBytes(5000, 9);
    const { dataKey, stored } = journalOf(undefined, plaintext, 5000, 1000);
    const cut = HEADER_LENGTH + 2 * SEALED;
    const { plaintext: kept, report } = await read(dataKey, stored.subarray(0, cut));
    expect(Buffer.compare(kept, plaintext.subarray(0, 2 * CHUNK))).toBe(0);
    expect(report).toMatchObject({ complete: false, readableBytes: cut, discardedBytes: 0 });
  });

  it('stops at a flipped byte and passes on nothing from there', async () => {
    const plaintext = patternBytes(20_000, 3);
    const { dataKey, stored } = journalOf(undefined, plaintext, 700, 1000);
    const at = HEADER_LENGTH + 3 * SEALED + 10;
    const { plaintext: kept, report } = await read(dataKey, flipBit(stored, at));
    expect(kept.length).toBe(3 * CHUNK);
    expect(report).toMatchObject({ complete: false, readableBytes: HEADER_LENGTH + 3 * SEALED });
  });

  describe('streams chained through their salts, so that without a manifest', () => {
    /** A journal of five streams of 1500 bytes, and where each stream starts. */
    function fiveStreams() {
      const plaintext = patternBytes(7500, 11);
      const journal = journalOf(undefined, plaintext, 1500, 1);
      const starts: number[] = [];
      for (let at = 0; (at = journal.stored.indexOf('VMEF', at)) >= 0; at += 4) starts.push(at);
      expect(starts).toHaveLength(5);
      const stream = (i: number) => journal.stored.subarray(starts[i], starts[i + 1] ?? journal.stored.length);
      return { ...journal, plaintext, stream };
    }

    it.each<[string, (stream: (i: number) => Buffer) => Buffer[], number]>([
      ['a dropped stream ends what is readable there', (s) => [s(0), s(1), s(3), s(4)], 2],
      ['swapped streams end it at the first one out of place', (s) => [s(0), s(2), s(1), s(3), s(4)], 1],
      ['a repeated stream ends it there', (s) => [s(0), s(1), s(1), s(2)], 2],
      ['a missing first stream ends it at once', (s) => [s(1), s(2)], 0],
    ])('%s', async (_what, rearrange, kept) => {
      const { dataKey, plaintext, stream } = fiveStreams();
      const { plaintext: read1, report } = await read(dataKey, Buffer.concat(rearrange(stream)));
      expect(Buffer.compare(read1, plaintext.subarray(0, kept * 1500))).toBe(0);
      expect(report).toMatchObject({ complete: false, streamCount: kept });
    });

    it("a journal passed off as another's reads as nothing (the first stream is bound to the id)", async () => {
      const { dataKey, stored } = fiveStreams();
      const { plaintext, report } = await read(dataKey, stored, 777, 'recording-journals/ab/ef');
      expect(plaintext.length).toBe(0);
      expect(report).toMatchObject({ complete: false, discardedBytes: stored.length });
    });
  });

  it('refuses a journal under another data key (WRONG_KEY), rather than salvaging nothing quietly', async () => {
    const { stored } = journalOf(undefined, patternBytes(5000), 500, 3);
    await expect(read(generateDataKey(), stored)).rejects.toMatchObject({ code: DecryptionErrorCode.WrongKey });
  });

  it('reads a plain v1 stream as a journal of one stream', async () => {
    const dataKey = generateDataKey();
    const plaintext = patternBytes(10_000);
    const stored = await collect(Readable.from([plaintext]), createEncryptStream(dataKey, { chunkSize: CHUNK }));
    const { plaintext: read1, report } = await read(dataKey, stored, 777, null);
    expect(Buffer.compare(read1, plaintext)).toBe(0);
    expect(report).toMatchObject({ complete: true, streamCount: 1, chunkCount: 10 });
  });

  it('drops unsealed plaintext on a cut, so nothing given after it is ever stored', () => {
    const encrypter = new JournalEncrypter(generateDataKey(), { journalId: JOURNAL_ID, chunkSize: CHUNK });
    encrypter.write(patternBytes(1500));
    expect(encrypter.discardUnsealed()).toBe(1500 - CHUNK);
    expect(encrypter.summary()).toMatchObject({ plaintextBytes: CHUNK, chunkCount: 1 });
  });
});

describe(StoredStreamDigest.name, () => {
  it.each([0, 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 3])('finds the tags of a %p-byte stream by position', async (size) => {
    const dataKey = generateDataKey();
    const encrypt = createEncryptStream(dataKey, { chunkSize: CHUNK });
    const stored = await collect(Readable.from([patternBytes(size)]), encrypt);
    const digest = new StoredStreamDigest(CHUNK);
    for (let offset = 0; offset < stored.length; offset += 333) digest.update(stored.subarray(offset, offset + 333));
    const reader = new JournalReader(dataKey);
    await collect(Readable.from([stored]), reader);
    // The same tags, in the same order, as the reader found by opening the chunks.
    const { chunkCount, tagDigest } = reader.report ?? {};
    expect(digest.finish()).toEqual({ storedBytes: stored.length, chunkCount, tagDigest });
  });
});
