import type { Client } from 'pg';
import type { SegmentManifest } from '../storage/segment-manifest';

export interface StoredSegmentRow {
  readonly recordingId: string;
  readonly wrappedDataKey: Buffer;
  readonly manifest: SegmentManifest;
}

interface Row {
  recording_id: string;
  wrapped_data_key: Buffer;
  object_key: string;
  chunk_size: number;
  size_bytes: string;
  plaintext_bytes: string;
  chunk_count: number;
  tag_chain: Buffer;
  duration_ms: string | null;
}

/**
 * Every finalized segment of every recording not shredded, with what its row says it must be:
 * the manifest `recordings:verify` checks the stored object against. Read as the schema owner.
 */
export async function storedSegments(client: Client): Promise<StoredSegmentRow[]> {
  const { rows } = await client.query<Row>(`SELECT r.id AS recording_id, r.wrapped_data_key, s.object_key, s.chunk_size,
      s.size_bytes, s.plaintext_bytes, s.chunk_count, s.tag_chain, s.duration_ms
    FROM recording_segments s JOIN recordings r ON r.id = s.recording_id
   WHERE s.object_key IS NOT NULL AND r.wrapped_data_key IS NOT NULL AND r.deleted_at IS NULL
   ORDER BY r.started_at, r.id, s.sequence`);
  return rows.map((row) => ({
    recordingId: row.recording_id,
    wrappedDataKey: row.wrapped_data_key,
    manifest: {
      key: row.object_key,
      format: 'vmef-1',
      chunkSize: row.chunk_size,
      storedBytes: Number(row.size_bytes),
      plaintextBytes: Number(row.plaintext_bytes),
      chunkCount: row.chunk_count,
      tagDigest: row.tag_chain.toString('hex'),
      durationMs: Number(row.duration_ms ?? 0),
    },
  }));
}
