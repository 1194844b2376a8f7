// A recorder as a separate process, for crash tests: ffmpeg encodes a live test pattern to
// a pipe (paced by -re), and this process journals it through SegmentJournalWriter. It prints
// one JSON line per piece handed to the writer ({ bytes, at }), so the test that SIGKILLs it
// knows how much plaintext had been given by when. Run with bench/sfu/register-ts.cjs.
import { spawn } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import { LocalDiskStorage } from '../../../apps/api/src/storage/local-disk-storage';
import type { ObjectStorage } from '../../../apps/api/src/storage/object-storage';
import { S3Storage } from '../../../apps/api/src/storage/s3-storage';
import { SegmentJournalWriter } from '../../../apps/api/src/recordings/storage/segment-journal-writer';

async function main(): Promise<void> {
  const env = process.env;
  const storage: ObjectStorage =
    env.JOURNAL_DRIVER === 's3'
      ? new S3Storage({
          bucket: String(env.S3_BUCKET),
          region: 'us-east-1',
          endpoint: env.S3_URL,
          forcePathStyle: true,
          accessKeyId: String(env.S3_ACCESS_KEY_ID),
          secretAccessKey: 'test-secret',
          spoolDir: String(env.SPOOL_DIR),
        })
      : new LocalDiskStorage(String(env.STORAGE_ROOT));
  const dataKey = createSecretKey(Buffer.from(String(env.DATA_KEY), 'base64'));
  const writer = await SegmentJournalWriter.open(storage, String(env.JOURNAL_KEY), dataKey);
  const ffmpeg = spawn('ffmpeg', [
    ...['-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30'],
    ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '20'],
    ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '600k', '-g', '30'],
    ...['-c:a', 'libopus', '-f', 'webm', 'pipe:1'],
  ]);
  let bytes = 0;
  ffmpeg.stdout.on('data', (piece: Buffer) => {
    bytes += piece.length;
    process.stdout.write(`${JSON.stringify({ bytes, at: Date.now() })}\n`);
    writer.write(piece);
  });
  ffmpeg.stdout.on('end', () => writer.end());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
