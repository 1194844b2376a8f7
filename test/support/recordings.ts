import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createEncryptStream, type DataKey } from '@vetmeet/crypto';
import type { StaffRole } from '../../apps/api/src/auth/actor';
import type { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { segmentObjectKey } from '../../apps/api/src/recordings/recording-keys';
import type { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { asSchemaOwner } from './consultations';

/**
 * Test fixtures for recordings, through the recorder's own writer (RecordingWriter), as capture
 * and journal use it: a recording, its segments, and (with a body) each segment's media
 * encrypted under the recording's data key into the app's object storage.
 *
 *   const webm = clearWebm('video');                                      // real VP8 WebM with Cues
 *   const recording = await recordConsultation(writer, storage, { consultationId, startedBy,
 *     segments: [{ userId: owner, kind: 'video', source: 'camera', body: webm }] });
 */
/** Small chunks, so a test's byte range or damaged byte falls in a chunk of its own. */
const CHUNK_SIZE = 16 * 1024;

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
    const encrypt = createEncryptStream(recording.dataKey, { chunkSize: CHUNK_SIZE });
    await storage.put(objectKey, Readable.from([segment.body]).pipe(encrypt));
    const { size } = await storage.stat(objectKey);
    const chunkCount = Math.ceil(segment.body.length / CHUNK_SIZE);
    await writer.endSegment(id, {
      outcome: 'completed',
      stored: {
        key: objectKey,
        chunkSize: CHUNK_SIZE,
        storedBytes: size,
        plaintextBytes: segment.body.length,
        chunkCount,
        tagDigest: '00'.repeat(32),
        durationMs: segment.durationMs ?? 3000,
      },
    });
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
        ? ['-f', 'lavfi', '-i', `testsrc=size=320x240:rate=15:duration=${seconds}`]
            .concat(['-c:v', 'libvpx', '-b:v', '300k', '-deadline', 'realtime'])
        : ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'libopus', '-b:a', '48k'];
    execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...input, '-f', 'webm', raw]);
    // Remuxed without re-encoding, as the journal finalizes a segment: Duration and Cues written.
    const done = `${file}.${randomUUID()}.webm`;
    execFileSync('ffmpeg', [
      '-nostdin', '-loglevel', 'error', '-y',
      '-i', raw, '-c', 'copy', '-cues_to_front', '1', done,
    ]);
    execFileSync('mv', [done, file]);
    rmSync(raw, { force: true });
  }
  return readFileSync(file);
}

/** An answer in the consent ledger, written as the schema owner (the consent API is another module's). */
export async function recordConsent(
  databaseUrl: string,
  answer: { consultationId: string; userId: string; purpose: 'recording' | 'support_review'; granted: boolean },
): Promise<void> {
  await asSchemaOwner(databaseUrl, (client) =>
    client.query(
      `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version)
       VALUES ($1, $2, $3, $4, '2026-11-01')`,
      [answer.consultationId, answer.userId, answer.purpose, answer.granted],
    ),
  );
}

/** Makes an account staff of a clinic, as the schema owner. */
export async function joinClinic(databaseUrl: string, clinicId: string, userId: string, role: StaffRole) {
  const sql = 'INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)';
  await asSchemaOwner(databaseUrl, (client) => client.query(sql, [randomUUID(), clinicId, userId, role]));
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before Content-Length bytes came: a cut, never a short file. */
  complete: boolean;
}

/**
 * A GET read the way a media element reads it, through node:http rather than supertest, so a
 * response the server cuts off shows as incomplete. `onFirstBytes` runs once the body starts.
 */
export function rawGet(
  url: string,
  headers: Record<string, string>,
  onFirstBytes?: () => Promise<void> | void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers }, (response) => {
      const parts: Buffer[] = [];
      let first = true;
      response.on('data', (part: Buffer) => {
        parts.push(part);
        if (first && onFirstBytes) {
          first = false;
          response.pause();
          Promise.resolve(onFirstBytes()).then(() => response.resume(), reject);
        }
      });
      const done = () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(parts),
          complete: response.complete,
        });
      response.on('end', done);
      response.on('error', done);
      response.on('close', done);
    });
    request.on('error', reject);
  });
}
