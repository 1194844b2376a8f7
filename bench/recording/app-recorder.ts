import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Transform, Writable } from 'node:stream';
import type { types } from 'mediasoup';
import * as vetmeetCrypto from '@vetmeet/crypto';
import { generateDataKey, type DataKey } from '@vetmeet/crypto';
import type { RecorderUnderTest, StoredTrack, TrackRecording } from './recorder-adapter';

/**
 * The app's own recording path (issue 12): capture's TrackRecorder (PlainTransport -> ffmpeg
 * `-c copy`) handing each track's bytes to storage's SegmentJournalWriter (libs/crypto
 * journal, flushed every second, in an appendable object of LocalDiskStorage).
 *
 * Loaded by path when those files are present (on main once the capture and journal branches
 * are merged), so the bench's branch compiles without them. The types below are the part of
 * their API the bench uses; if it changes, the bench fails loudly rather than measuring
 * something else. After the merge these may become ordinary imports.
 */

const API = join(__dirname, '..', '..', 'apps', 'api', 'src');
const TRACK_RECORDER = join(API, 'recordings', 'capture', 'track-recorder');
const JOURNAL_WRITER = join(API, 'recordings', 'storage', 'segment-journal-writer');
const LOCAL_DISK_STORAGE = join(API, 'storage', 'local-disk-storage');

type SegmentOutcome = 'completed' | 'interrupted' | 'cut';

interface SegmentSink {
  write(bytes: Buffer): void;
  firstMediaAt(at: Date): void;
  end(outcome: SegmentOutcome): Promise<void>;
}

interface TrackRecorderModule {
  TrackRecorder: {
    start(router: types.Router, producer: types.Producer, sink: SegmentSink): { stop(): Promise<SegmentOutcome> };
  };
}

interface JournalWriter extends Writable {
  manifest(): Promise<unknown>;
}

interface JournalWriterModule {
  SegmentJournalWriter: { open(storage: unknown, key: string, dataKey: DataKey): Promise<JournalWriter> };
}

interface Storage {
  readonly root: string;
  onModuleInit(): Promise<void>;
  get(key: string): Promise<Readable>;
}

interface StorageModule {
  LocalDiskStorage: new (root: string) => Storage;
}

interface CryptoModule {
  createJournalReader(dataKey: DataKey): Transform;
}

export function appRecorderPresent(): boolean {
  return [TRACK_RECORDER, JOURNAL_WRITER].every((path) => existsSync(`${path}.ts`));
}

export class AppRecorder implements RecorderUnderTest {
  readonly description =
    "the app's recorder: capture's TrackRecorder (PlainTransport -> ffmpeg -c copy) -> " +
    "storage's SegmentJournalWriter (libs/crypto journal, flushed every second) -> LocalDiskStorage appendable object";
  private readonly keys = new Map<string, DataKey>();

  private constructor(
    private readonly storage: Storage,
    private readonly capture: TrackRecorderModule,
    private readonly journal: JournalWriterModule,
    private readonly crypto: CryptoModule,
  ) {}

  static async create(storageRoot: string): Promise<AppRecorder> {
    const [capture, journal, storageModule] = await Promise.all([
      import(TRACK_RECORDER) as Promise<TrackRecorderModule>,
      import(JOURNAL_WRITER) as Promise<JournalWriterModule>,
      import(LOCAL_DISK_STORAGE) as Promise<StorageModule>,
    ]);
    const crypto = vetmeetCrypto as unknown as CryptoModule;
    const used = {
      TrackRecorder: capture.TrackRecorder,
      SegmentJournalWriter: journal.SegmentJournalWriter,
      createJournalReader: crypto.createJournalReader,
    };
    for (const [name, value] of Object.entries(used)) {
      if (!value) throw new Error(`the app's recorder has no ${name}: bench/recording/app-recorder.ts needs updating`);
    }
    const storage = new storageModule.LocalDiskStorage(storageRoot);
    await storage.onModuleInit();
    return new AppRecorder(storage, capture, journal, crypto);
  }

  get storageRoot(): string {
    return this.storage.root;
  }

  async record(router: types.Router, producer: types.Producer): Promise<TrackRecording> {
    const key = `recordings/${randomUUID()}`;
    const dataKey = generateDataKey();
    this.keys.set(key, dataKey);
    const writer = await this.journal.SegmentJournalWriter.open(this.storage, key, dataKey);
    let firstBytes!: () => void;
    let endedEarly!: (error: Error) => void;
    const started = new Promise<void>((resolve, reject) => {
      firstBytes = resolve;
      endedEarly = reject;
    });
    started.catch(() => undefined); // awaited by the bench
    const sink: SegmentSink = {
      write: (bytes) => {
        firstBytes();
        writer.write(bytes);
      },
      firstMediaAt: () => undefined,
      end: async (outcome) => {
        // A segment that ends before its first bytes: ffmpeg missing, the producer gone.
        endedEarly(new Error(`a track's recording ended (${outcome}) before its first bytes`));
        writer.end();
        await writer.manifest();
      },
    };
    const track = this.capture.TrackRecorder.start(router, producer, sink);
    return {
      kind: producer.kind,
      started,
      stop: async (): Promise<StoredTrack> => {
        const ended = await track.stop();
        if (ended !== 'completed') throw new Error(`a track's recording ended ${ended}, not completed`);
        return { kind: producer.kind, key };
      },
    };
  }

  async plaintext(track: StoredTrack): Promise<Readable> {
    const dataKey = this.keys.get(track.key);
    if (!dataKey) throw new Error('no data key for that track');
    return (await this.storage.get(track.key)).pipe(this.crypto.createJournalReader(dataKey));
  }

  async close(): Promise<void> {}
}
