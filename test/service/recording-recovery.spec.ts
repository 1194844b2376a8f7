import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { RecorderNode } from '../../apps/api/src/recordings/pipeline/recorder-node';
import { RecordingFinalizations } from '../../apps/api/src/recordings/pipeline/recording-finalizations';
import { RecordingRecovery } from '../../apps/api/src/recordings/pipeline/recording-recovery';
import { JournalSegmentSink } from '../../apps/api/src/recordings/pipeline/journal-segment-sink';
import type { SegmentMeta } from '../../apps/api/src/recordings/capture/recording-sink';
import type { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { SegmentJournalWriter } from '../../apps/api/src/recordings/storage/segment-journal-writer';
import { segmentKeys } from '../../apps/api/src/recordings/storage/segment-keys';
import { verifySegment } from '../../apps/api/src/recordings/storage/segment-manifest';
import { storedSegments } from '../../apps/api/src/recordings/cli/stored-segments';
import { decodeErrors, probe, webmClip } from '../support/recording/media-tools';
import { playback } from '../support/recording/segment-stores';
import { createRecordingWorld, type RecordingWorld } from '../support/recording-world';

const CLIP_SECONDS = 4;
const PIECE = 32 * 1024;

/**
 * SIGKILL while a stopped recording's segments are being finalized: what the next start's
 * RecordingRecovery makes of it, on a real PostgreSQL and a local object store.
 */
describe('recovery of segments a killed process left being finalized', () => {
  let world: RecordingWorld;
  let clip: Buffer;

  beforeAll(async () => {
    world = await createRecordingWorld();
    clip = await webmClip(CLIP_SECONDS);
  });
  afterAll(() => world?.close());

  const meta = (): SegmentMeta => ({
    trackId: randomUUID(),
    userId: world.people.owner,
    kind: 'video',
    source: 'camera',
    producerId: randomUUID(),
    codec: 'video/VP8',
    mimeType: 'video/webm;codecs=vp8',
    sequence: 0,
  });
  const segmentRow = async (segmentId: string) =>
    (
      await world.schemaOwner.query<{ outcome: string | null; object_key: string | null; ended_at: Date | null }>(
        'SELECT outcome, object_key, ended_at FROM recording_segments WHERE id = $1',
        [segmentId],
      )
    ).rows[0];
  const recover = () => new RecordingRecovery(world.writer, world.storage, world.keyRing).recover();

  /** Every segment the recovery finalized plays whole and verifies against the manifest its row keeps. */
  async function expectStoredAndPlayable(recordingId: string): Promise<void> {
    const stored = (await storedSegments(world.schemaOwner)).filter((row) => row.recordingId === recordingId);
    expect(stored).toHaveLength(1);
    const dataKey = world.keyRing.unwrap(stored[0].wrappedDataKey, `recording:${recordingId}`);
    const { manifest } = stored[0];
    expect(await verifySegment(manifest, world.storage, manifest.key, dataKey)).toEqual({ ok: true });
    const webm = await playback(world.storage, manifest.key, dataKey);
    const probed = await probe(webm);
    expect(probed.codecs).toEqual(['vp8', 'opus']);
    expect(Math.abs(probed.durationSeconds - CLIP_SECONDS)).toBeLessThan(0.5);
    expect(await decodeErrors(webm)).toBe('');
  }

  it('finalizes, as interrupted, the segment of a stopped recording whose complete journal was left', async () => {
    const recording = await world.writer.createRecording(world.consultation, world.people.consultant);
    const segmentId = randomUUID();
    const keys = segmentKeys(recording.id, segmentId);
    await world.writer.addSegment({
      id: segmentId,
      recordingId: recording.id,
      userId: world.people.owner,
      kind: 'video',
      source: 'camera',
      codec: 'video/VP8',
      mimeType: 'video/webm;codecs=vp8',
      journalKey: keys.journalKey,
    });
    const journal = await SegmentJournalWriter.open(world.storage, keys.journalKey, recording.dataKey);
    for (let offset = 0; offset < clip.length; offset += PIECE) journal.write(clip.subarray(offset, offset + PIECE));
    journal.end();
    await journal.manifest();
    await world.writer.setStatus(recording.id, 'stopped', 'stopped');
    // Killed here, while the final object was being made: a half-written scratch copy is left too.
    await world.storage.put(keys.scratchKey, Readable.from([Buffer.alloc(1000, 7)]));

    await expect(recover()).resolves.toMatchObject({ segments: 1 });
    expect(await segmentRow(segmentId)).toMatchObject({ outcome: 'interrupted', object_key: keys.finalKey });
    const sql = 'SELECT status, stop_reason FROM recordings WHERE id = $1';
    const { rows } = await world.schemaOwner.query(sql, [recording.id]);
    expect(rows).toEqual([{ status: 'stopped', stop_reason: 'stopped' }]);
    await expectStoredAndPlayable(recording.id);
    await expect(world.storage.stat(keys.journalKey)).rejects.toThrow();
    await expect(world.storage.stat(keys.scratchKey)).rejects.toThrow();
    await expect(recover()).resolves.toMatchObject({ segments: 0 });
  });

  it('keeps a segment whose final object was stored when the process died, before its row said so', async () => {
    const recording = await world.writer.createRecording(world.consultation, world.people.consultant);
    // The process dies the moment it asks the database to record the segment's ending.
    let dying: () => void = () => undefined;
    const died = new Promise<void>((resolve) => (dying = resolve));
    const writer = new Proxy(world.writer, {
      get(target, property) {
        if (property === 'endSegment') {
          return () => {
            dying();
            return new Promise<boolean>(() => undefined);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as RecordingWriter;
    const sink = new JournalSegmentSink(
      { recordingId: recording.id, dataKey: recording.dataKey, writer, storage: world.storage },
      meta(),
    );
    for (let offset = 0; offset < clip.length; offset += PIECE) sink.write(clip.subarray(offset, offset + PIECE));
    await sink.end('completed');
    await world.writer.setStatus(recording.id, 'stopped', 'stopped');
    await died;
    const { rows } = await world.schemaOwner.query<{ id: string }>(
      'SELECT id FROM recording_segments WHERE recording_id = $1',
      [recording.id],
    );
    const segmentId = rows[0].id;
    expect(await segmentRow(segmentId)).toMatchObject({ ended_at: null });
    await world.storage.stat(segmentKeys(recording.id, segmentId).finalKey);

    await expect(recover()).resolves.toMatchObject({ segments: 1 });
    expect(await segmentRow(segmentId)).toMatchObject({
      outcome: 'interrupted',
      object_key: segmentKeys(recording.id, segmentId).finalKey,
    });
    await expectStoredAndPlayable(recording.id);
    await expect(world.storage.stat(segmentKeys(recording.id, segmentId).journalKey)).rejects.toThrow();
  });

  it("leaves what a live node records (it holds its node's lock) and recovers it once that node is gone", async () => {
    const node = randomUUID();
    const live = new Client({ connectionString: world.database.url });
    await live.connect();
    try {
      await live.query('SELECT pg_advisory_lock(recorder_node_lock_key($1))', [node]);
      const { consultation, people } = world;
      const recording = await world.writer.createRecording(consultation, people.consultant, { recorderNode: node });
      const segmentId = randomUUID();
      const keys = segmentKeys(recording.id, segmentId);
      await world.writer.addSegment({
        id: segmentId,
        recordingId: recording.id,
        userId: world.people.owner,
        kind: 'video',
        source: 'camera',
        codec: 'video/VP8',
        mimeType: 'video/webm;codecs=vp8',
        journalKey: keys.journalKey,
      });
      const status = async () =>
        (await world.schemaOwner.query('SELECT status FROM recordings WHERE id = $1', [recording.id])).rows[0];
      await recover();
      expect(await status()).toEqual({ status: 'recording' });
      expect(await segmentRow(segmentId)).toMatchObject({ ended_at: null });

      // The node dies: its session, and so its lock, is gone.
      await live.end();
      await recover();
      expect(await status()).toEqual({ status: 'interrupted' });
      expect(await segmentRow(segmentId)).toMatchObject({ outcome: 'interrupted', object_key: null });
    } finally {
      await live.end().catch(() => undefined);
    }
  });
});

describe("an app node's recorder lock at shutdown", () => {
  let world: RecordingWorld;
  let dataSource: DataSource;
  beforeAll(async () => {
    world = await createRecordingWorld();
    dataSource = new DataSource(appDataSourceOptions(world.database.url, 2));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await world?.close();
  });

  const heldByAnother = async (node: string) => {
    const sql = 'SELECT pg_try_advisory_lock(recorder_node_lock_key($1)) AS free';
    const [{ free }] = (await world.schemaOwner.query<{ free: boolean }>(sql, [node])).rows;
    if (free) await world.schemaOwner.query('SELECT pg_advisory_unlock(recorder_node_lock_key($1))', [node]);
    return !free;
  };

  it('is held until its last segments are finalized, so a node starting meanwhile leaves them to it', async () => {
    const finalizations = new RecordingFinalizations();
    let finish: () => void = () => undefined;
    finalizations.track(new Promise<void>((resolve) => (finish = resolve)));
    const node = new RecorderNode(dataSource, finalizations);
    await node.onModuleInit();
    expect(await heldByAnother(node.id)).toBe(true);
    const shutdown = node.onApplicationShutdown();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await heldByAnother(node.id)).toBe(true);
    finish();
    await shutdown;
    expect(await heldByAnother(node.id)).toBe(false);
  });
});
