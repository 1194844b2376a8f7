import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createEncryptStream, type DataKey } from '@vetmeet/crypto';
import type { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { segmentObjectKey } from '../../apps/api/src/recordings/recording-keys';
import type { ObjectStorage } from '../../apps/api/src/storage/object-storage';

/**
 * Test fixtures for recordings, through the recorder's own writer (RecordingWriter), as capture
 * and journal use it: a recording, its segments, and (with a body) each segment's media
 * encrypted under the recording's data key into the app's object storage.
 *
 *   const webm = clearWebm('video');                                      // real VP8 WebM with Cues
 *   const recording = await recordConsultation(writer, storage, { consultationId, startedBy,
 *     segments: [{ userId: owner, kind: 'video', source: 'camera', body: webm }] });
 */
export interface SegmentFixture {
  userId: string;
  kind?: 'audio' | 'video';
  source?: 'camera' | 'microphone' | 'screen';
  /** The clear WebM to store encrypted; without one the segment stays open (still recording). */
  body?: Buffer;
  durationMs?: number;
}

export interface RecordedFixture {
  recordingId: string;
  dataKey: DataKey;
  segments: { id: string; objectKey: string | null; journalKey: string }[];
}

export async function recordConsultation(
  writer: RecordingWriter,
  storage: ObjectStorage,
  options: { consultationId: string; startedBy: string; segments: SegmentFixture[]; stop?: boolean },
): Promise<RecordedFixture> {
  const recording = await writer.createRecording(options.consultationId, options.startedBy);
  const segments: RecordedFixture['segments'] = [];
  for (const segment of options.segments) {
    const id = randomUUID();
    const kind = segment.kind ?? 'video';
    const journalKey = `recording-journal/${recording.id}/${id}`;
    await writer.addSegment({
      id,
      recordingId: recording.id,
      userId: segment.userId,
      kind,
      source: segment.source ?? (kind === 'video' ? 'camera' : 'microphone'),
      codec: kind === 'video' ? 'vp8' : 'opus',
      mimeType: kind === 'video' ? 'video/webm; codecs="vp8"' : 'audio/webm; codecs="opus"',
      journalKey,
    });
    if (!segment.body) {
      segments.push({ id, objectKey: null, journalKey });
      continue;
    }
    const objectKey = segmentObjectKey(recording.id, id);
    const encrypt = createEncryptStream(recording.dataKey, { chunkSize: 16 * 1024 });
    await storage.put(objectKey, Readable.from([segment.body]).pipe(encrypt));
    const { size } = await storage.stat(objectKey);
    await writer.endSegment(id, { outcome: 'completed', durationMs: segment.durationMs ?? 3000, objectKey, sizeBytes: size, chunkCount: 1, tagChain: Buffer.alloc(32) });
    segments.push({ id, objectKey, journalKey });
  }
  if (options.stop !== false) await writer.setStatus(recording.id, 'stopped', 'consultant_stopped');
  return { recordingId: recording.id, dataKey: recording.dataKey, segments };
}

/**
 * A real WebM as the journal leaves one (VP8 or Opus, a few seconds, remuxed so it has Cues
 * and seeks), made once per run with ffmpeg's test sources.
 */
export function clearWebm(kind: 'video' | 'audio', seconds = 3): Buffer {
  const folder = join(tmpdir(), 'vetmeet-test-webm');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${kind}-${seconds}s.webm`);
  if (!existsSync(file)) {
    const raw = join(folder, `${kind}-${seconds}s-${randomUUID()}.raw.webm`);
    const input =
      kind === 'video'
        ? ['-f', 'lavfi', '-i', `testsrc=size=320x240:rate=15:duration=${seconds}`, '-c:v', 'libvpx', '-b:v', '300k', '-deadline', 'realtime']
        : ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'libopus', '-b:a', '48k'];
    execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...input, '-f', 'webm', raw]);
    // Remuxed without re-encoding, as the journal finalizes a segment: Duration and Cues written.
    const done = `${file}.${randomUUID()}.webm`;
    execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', raw, '-c', 'copy', '-cues_to_front', '1', done]);
    execFileSync('mv', [done, file]);
  }
  return readFileSync(file);
}
