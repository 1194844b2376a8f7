import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataKey } from '@vetmeet/crypto';
import { loggableError } from '../../common/errors/loggable-error';
import type { ObjectStorage } from '../../storage/object-storage';
import type { SegmentMeta, SegmentOutcome, SegmentSink } from '../capture/recording-sink';
import type { StoredSegment } from '../recording-manifest';
import type { RecordingWriter } from '../recording-writer';
import { SegmentJournalWriter, type JournalManifest } from '../storage/segment-journal-writer';
import { segmentKeys, type SegmentKeys } from '../storage/segment-keys';
import { finishSegment } from './finish-segment';

export interface SegmentSinkContext {
  readonly recordingId: string;
  readonly dataKey: DataKey;
  readonly writer: RecordingWriter;
  readonly storage: ObjectStorage;
}

/**
 * One track segment on its way to storage: its row, then its encrypted journal, then (once it
 * ends) the seekable final object and its manifest. Capture writes synchronously from its pipe
 * while the row and the journal are still being made, so the first pieces wait here, in memory.
 * A cut drops them and stops the journal before anything else happens.
 */
export class JournalSegmentSink implements SegmentSink {
  private readonly logger = new Logger(JournalSegmentSink.name);
  private readonly id = randomUUID();
  private readonly keys: SegmentKeys;
  private readonly opened: Promise<SegmentJournalWriter | undefined>;
  private journal: SegmentJournalWriter | undefined;
  private waiting: Buffer[] = [];
  private ended = false;
  private cutJournal: Promise<JournalManifest> | undefined;

  constructor(
    private readonly context: SegmentSinkContext,
    private readonly meta: SegmentMeta,
  ) {
    this.keys = segmentKeys(context.recordingId, this.id);
    this.opened = this.open().catch((error: unknown) => {
      this.logger.error(
        { err: loggableError(error), recordingId: context.recordingId, segmentId: this.id },
        'could not open a recording segment',
      );
      this.waiting = [];
      return undefined;
    });
  }

  /** Settles once the segment's row is written (or could not be). */
  get rowWritten(): Promise<unknown> {
    return this.opened;
  }

  write(bytes: Buffer): void {
    if (this.ended) return;
    if (this.journal) this.journal.write(bytes);
    else this.waiting.push(bytes);
  }

  firstMediaAt(at: Date): void {
    void this.opened.then((journal) => {
      if (journal) return this.context.writer.segmentMediaStarted(this.id, at);
      return undefined;
    }).catch((error: unknown) => this.logger.warn(
      { err: loggableError(error), segmentId: this.id },
      'could not record when a segment\'s media began',
    ));
  }

  /**
   * Resolves once the journal is complete (what was captured is durable); the final object is made
   * afterwards, in `finalized`, so stopping a long recording does not wait for its remux. For 'cut',
   * everything up to the first await happens at the moment of the call: what waits in memory is
   * dropped and the journal stops, so nothing after the withdrawal is stored.
   */
  async end(outcome: SegmentOutcome): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (outcome === 'cut') {
      this.waiting = [];
      if (this.journal) this.cutJournal = this.journal.cut();
    }
    const journal = await this.opened;
    if (!journal) return;
    const completed = this.cutJournal ?? (outcome === 'cut' ? journal.cut() : endJournal(journal));
    this.finalized = completed.then((manifest) => this.finalize(outcome, manifest));
    await completed.catch(() => undefined);
  }

  /** Settles once the segment's row says how it ended (with its final object, or without one). */
  finalized: Promise<void> = Promise.resolve();

  private async finalize(outcome: SegmentOutcome, journalManifest: JournalManifest): Promise<void> {
    const { storage, dataKey, writer, recordingId } = this.context;
    try {
      const recordEnding = (stored: StoredSegment | null) => writer.endSegment(this.id, { outcome, stored });
      await finishSegment(storage, dataKey, this.keys, recordEnding, {
        mimeType: this.meta.mimeType,
        journalManifest,
      });
    } catch (error) {
      this.logger.error({ err: loggableError(error), recordingId, segmentId: this.id }, 'could not finish a recording segment');
      await writer.endSegment(this.id, { outcome: 'interrupted', stored: null }).catch(() => undefined);
    }
  }

  private async open(): Promise<SegmentJournalWriter | undefined> {
    const { writer, storage, dataKey, recordingId } = this.context;
    await writer.addSegment({
      id: this.id,
      recordingId,
      userId: this.meta.userId,
      kind: this.meta.kind,
      source: this.meta.source,
      codec: this.meta.codec,
      mimeType: this.meta.mimeType,
      journalKey: this.keys.journalKey,
    });
    const journal = await SegmentJournalWriter.open(storage, this.keys.journalKey, dataKey);
    journal.on('error', (error: Error) => this.logger.error(
      { err: loggableError(error), recordingId, segmentId: this.id },
      'a recording journal failed',
    ));
    this.journal = journal;
    for (const piece of this.waiting) journal.write(piece);
    this.waiting = [];
    return journal;
  }
}

function endJournal(journal: SegmentJournalWriter): Promise<JournalManifest> {
  const manifest = journal.manifest();
  journal.end();
  return manifest;
}
