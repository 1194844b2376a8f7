import { pipeline } from 'node:stream/promises';
import { DecryptionError, StoredStreamDigest, createDecryptStream, type DataKey } from '@vetmeet/crypto';
import { ObjectNotFoundError, type ObjectStorage } from '../../storage/object-storage';
import { discard, tap } from './stream-taps';

/** What the database keeps of a finalized track segment to check it later (`recordings:verify`). */
export interface SegmentManifest {
  readonly key: string;
  /** The stored format: libs/crypto v1, one stream. */
  readonly format: 'vmef-1';
  readonly chunkSize: number;
  readonly storedBytes: number;
  readonly plaintextBytes: number;
  readonly chunkCount: number;
  /** SHA-256 over the chunk tags in order, hex. */
  readonly tagDigest: string;
  readonly durationMs: number;
}

export type SegmentProblem =
  | 'missing'
  | 'corrupt'
  | 'truncated'
  | 'wrong-key'
  | 'unsupported-version'
  | 'size-mismatch'
  | 'chunk-count-mismatch'
  | 'tag-digest-mismatch';

export type SegmentVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: SegmentProblem; readonly detail: string };

/**
 * Reads the stored object whole: every chunk must authenticate in its place (a flipped
 * byte, a dropped, swapped, repeated or extra chunk and a cut all fail here), and its size,
 * chunk count and tag digest must be the manifest's (which also catches the object being
 * replaced by another well-formed one under the same data key).
 */
export async function verifySegment(
  manifest: SegmentManifest,
  storage: ObjectStorage,
  key: string,
  dataKey: DataKey,
): Promise<SegmentVerification> {
  const digest = new StoredStreamDigest(manifest.chunkSize);
  try {
    const stored = await storage.get(key);
    await pipeline(stored, tap((piece) => digest.update(piece)), createDecryptStream(dataKey), discard());
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return failed('missing', 'No object is stored under the key.');
    if (error instanceof DecryptionError) return failed(decryptionProblem(error), error.message);
    throw error;
  }
  const found = digest.finish();
  if (found.storedBytes !== manifest.storedBytes) {
    return failed('size-mismatch', `${found.storedBytes} bytes stored, ${manifest.storedBytes} in the manifest.`);
  }
  if (found.chunkCount !== manifest.chunkCount) {
    return failed('chunk-count-mismatch', `${found.chunkCount} chunks stored, ${manifest.chunkCount} in the manifest.`);
  }
  if (found.tagDigest !== manifest.tagDigest) {
    return failed('tag-digest-mismatch', 'The chunk tags are not the ones the manifest hashed.');
  }
  return { ok: true };
}

function decryptionProblem(error: DecryptionError): SegmentProblem {
  const problems: Record<string, SegmentProblem> = {
    TRUNCATED: 'truncated',
    WRONG_KEY: 'wrong-key',
    UNSUPPORTED_VERSION: 'unsupported-version',
  };
  return problems[error.code] ?? 'corrupt';
}

function failed(problem: SegmentProblem, detail: string): SegmentVerification {
  return { ok: false, problem, detail };
}
