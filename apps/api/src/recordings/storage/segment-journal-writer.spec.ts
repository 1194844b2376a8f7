import { Readable } from 'node:stream';
import { JournalReader, generateDataKey } from '@vetmeet/crypto';
import type { AppendableObject, ObjectStorage } from '../../storage/object-storage';
import { SegmentJournalWriter } from './segment-journal-writer';

/** An appendable object in memory that notes when each flush made which bytes durable. */
class MemoryObject implements AppendableObject {
  readonly parts: Buffer[] = [];
  readonly flushes: Array<{ at: number; bytes: number }> = [];
  completed = false;
  async append(...parts: Buffer[]): Promise<void> {
    this.parts.push(...parts);
  }
  async flush(): Promise<void> {
    this.flushes.push({ at: Date.now(), bytes: this.bytes });
  }
  async complete(): Promise<void> {
    this.completed = true;
  }
  async abort(): Promise<void> {}
  get bytes(): number {
    return this.parts.reduce((sum, part) => sum + part.length, 0);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(object: MemoryObject, flushIntervalMs: number) {
  const dataKey = generateDataKey();
  const storage = { openAppend: async () => object } as unknown as ObjectStorage;
  const writer = await SegmentJournalWriter.open(storage, 'recording-journals/ab/cd', dataKey, { flushIntervalMs });
  return { dataKey, writer };
}

async function readBack(object: MemoryObject, dataKey: ReturnType<typeof generateDataKey>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const reader = new JournalReader(dataKey, { journalId: 'recording-journals/ab/cd' });
  for await (const part of Readable.from([Buffer.concat(object.parts)]).pipe(reader)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe(SegmentJournalWriter.name, () => {
  it('makes a slow track (an audio trickle, far below a chunk) readable within the flush interval', async () => {
    const object = new MemoryObject();
    const { dataKey, writer } = await open(object, 200);
    const given: Array<{ at: number; bytes: number }> = [];
    let bytes = 0;
    for (let i = 0; i < 12; i++) {
      writer.write(Buffer.alloc(500, i));
      bytes += 500;
      given.push({ at: Date.now(), bytes });
      await sleep(50);
    }
    await sleep(300);
    // Every piece given was sealed and flushed at most one interval (plus scheduling) later.
    for (const piece of given) {
      const flushed = object.flushes.find((flush) => flush.at >= piece.at && flush.at - piece.at <= 200 + 100);
      expect(flushed).toBeDefined();
    }
    expect((await readBack(object, dataKey)).length).toBe(bytes);
    writer.end();
    expect(await writer.manifest()).toMatchObject({ plaintextBytes: bytes, cut: false });
    expect(object.completed).toBe(true);
  });

  it('does not flush when nothing new was written', async () => {
    const object = new MemoryObject();
    const { writer } = await open(object, 50);
    writer.write(Buffer.alloc(100));
    await sleep(300);
    expect(object.flushes).toHaveLength(1);
    writer.end();
    await writer.manifest();
  });

  it('cut(): drops what is unsealed, ignores later writes, completes what its manifest says', async () => {
    const object = new MemoryObject();
    const { dataKey, writer } = await open(object, 10_000);
    writer.write(Buffer.alloc(64 * 1024 + 5000, 1));
    await sleep(20);
    const manifest = await writer.cut();
    writer.write(Buffer.alloc(10_000, 2));
    writer.end();
    await sleep(20);
    expect(manifest).toMatchObject({ cut: true, plaintextBytes: 64 * 1024, storedBytes: object.bytes, chunkCount: 1 });
    expect(object.completed).toBe(true);
    expect(await readBack(object, dataKey)).toEqual(Buffer.alloc(64 * 1024, 1));
    expect(await writer.manifest()).toBe(manifest);
  });
});
