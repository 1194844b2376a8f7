import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { types } from 'mediasoup';
import { createJournalReader, generateDataKey, type DataKey } from '@vetmeet/crypto';
import { TrackRecorder } from '../../apps/api/src/recordings/capture/track-recorder';
import type { SegmentSink } from '../../apps/api/src/recordings/capture/recording-sink';
import { SegmentJournalWriter } from '../../apps/api/src/recordings/storage/segment-journal-writer';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import type { RecorderUnderTest, StoredTrack, TrackRecording } from './recorder-adapter';

/**
 * The app's own recording path (issue 12): capture's TrackRecorder (PlainTransport -> ffmpeg
 * `-c copy`) handing each track's bytes to storage's SegmentJournalWriter (libs/crypto
 * journal, flushed every second, in an appendable object of LocalDiskStorage). The rows and
 * the background finalization after a stop are not per-second costs and are left out.
 */

export class AppRecorder implements RecorderUnderTest {
  readonly description =
    "the app's recorder: capture's TrackRecorder (PlainTransport -> ffmpeg -c copy) -> " +
    "storage's SegmentJournalWriter (libs/crypto journal, flushed every second) -> LocalDiskStorage appendable object";
  private readonly keys = new Map<string, DataKey>();

  private constructor(private readonly storage: LocalDiskStorage) {}

  static async create(storageRoot: string): Promise<AppRecorder> {
    const storage = new LocalDiskStorage(storageRoot);
    await storage.onModuleInit();
    return new AppRecorder(storage);
  }

  get storageRoot(): string {
    return this.storage.root;
  }

  async record(router: types.Router, producer: types.Producer): Promise<TrackRecording> {
    const key = `recordings/${randomUUID()}`;
    const dataKey = generateDataKey();
    this.keys.set(key, dataKey);
    const writer = await SegmentJournalWriter.open(this.storage, key, dataKey);
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
    const track = TrackRecorder.start(router, producer, sink);
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
    return (await this.storage.get(track.key)).pipe(createJournalReader(dataKey));
  }

  async close(): Promise<void> {}
}
