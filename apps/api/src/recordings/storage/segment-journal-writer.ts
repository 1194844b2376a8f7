import { Writable } from 'node:stream';
import { JournalEncrypter, type DataKey, type JournalSummary } from '@vetmeet/crypto';
import type { AppendableObject, ObjectStorage } from '../../storage/object-storage';

export interface JournalManifest extends JournalSummary {
  readonly key: string;
  /** True when the writer was cut: the plaintext not yet sealed then was dropped, never stored. */
  readonly cut: boolean;
}

export interface SegmentJournalOptions {
  /** How long plaintext may wait unsealed (and unflushed) at most; a crash loses no more than this. */
  readonly flushIntervalMs?: number;
  /** Plaintext bytes per journal chunk. */
  readonly chunkSize?: number;
}

/** A crash loses at most the last second (ISSUE 12). */
export const JOURNAL_FLUSH_INTERVAL_MS = 1000;
export const JOURNAL_CHUNK_SIZE = 64 * 1024;

/**
 * Takes one track segment's plaintext WebM as capture produces it and stores it encrypted as
 * it arrives, as a journal (libs/crypto: v1 streams back to back) in an appendable object:
 * full chunks are appended at once, and at most `flushIntervalMs` after the oldest byte not
 * yet sealed, the current stream is ended and the object flushed to durable storage. No
 * plaintext is ever written anywhere. `end()` completes it; `cut()` stops it at once.
 */
export class SegmentJournalWriter extends Writable {
  private readonly encrypter: JournalEncrypter;
  private readonly flushIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();
  private stopped = false;
  private result: JournalManifest | undefined;

  private constructor(
    private readonly object: AppendableObject,
    readonly key: string,
    dataKey: DataKey,
    options: SegmentJournalOptions,
  ) {
    super();
    const chunkSize = options.chunkSize ?? JOURNAL_CHUNK_SIZE;
    this.encrypter = new JournalEncrypter(dataKey, { journalId: key, chunkSize });
    this.flushIntervalMs = options.flushIntervalMs ?? JOURNAL_FLUSH_INTERVAL_MS;
  }

  static async open(
    storage: ObjectStorage,
    key: string,
    dataKey: DataKey,
    options: SegmentJournalOptions = {},
  ): Promise<SegmentJournalWriter> {
    return new SegmentJournalWriter(await storage.openAppend(key), key, dataKey, options);
  }

  /** Resolves with the manifest once the journal is complete (after `end()` or `cut()`). */
  manifest(): Promise<JournalManifest> {
    if (this.result) return Promise.resolve(this.result);
    return new Promise((resolve, reject) => {
      this.once('finish', () => (this.result ? resolve(this.result) : reject(new Error('No journal manifest.'))));
      this.once('error', reject);
    });
  }

  /**
   * Stops at once (consent withdrawn): the plaintext not yet sealed is dropped, later
   * writes are accepted and ignored (capture may still be delivering), and what was already
   * appended is completed as the journal. The manifest says `cut`; a reader salvages the
   * sealed chunks of its last stream.
   */
  async cut(): Promise<JournalManifest> {
    if (this.stopped) throw new Error('This journal is already complete.');
    this.stopped = true;
    this.clearTimer();
    this.encrypter.discardUnsealed();
    await this.enqueue(() => this.object.complete());
    this.result = this.summary(true);
    return this.result;
  }

  override _write(piece: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.stopped) return done();
    this.enqueue(() => this.appendAll(this.encrypter.write(piece))).then(() => done(), done);
    // Started by the oldest byte not yet flushed; bytes that come after it fires start the next one.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.flushNow()).catch((error: Error) => this.destroy(error));
    }, this.flushIntervalMs);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.stopped) return done();
    this.stopped = true;
    this.enqueue(async () => {
      this.clearTimer();
      await this.flushNow();
      await this.object.complete();
      this.result = this.summary(false);
    }).then(() => done(), done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.clearTimer();
    done(error);
  }

  /** Ends the current stream (its final chunk) and makes everything appended durable. */
  private async flushNow(): Promise<void> {
    if (!this.encrypter.hasUnflushed) return;
    await this.appendAll(this.encrypter.flush());
    await this.object.flush();
  }

  private async appendAll(parts: Buffer[]): Promise<void> {
    if (parts.length > 0) await this.object.append(...parts);
  }

  /** Storage calls run one at a time and in order: the journal is a sequence. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task);
    this.work = next.catch(() => undefined);
    return next;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private summary(cut: boolean): JournalManifest {
    return { key: this.key, cut, ...this.encrypter.summary() };
  }
}
