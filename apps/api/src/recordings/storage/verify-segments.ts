import type { DataKey } from '@vetmeet/crypto';
import type { ObjectStorage } from '../../storage/object-storage';
import { verifySegment, type SegmentManifest, type SegmentProblem } from './segment-manifest';

export interface SegmentToVerify {
  readonly manifest: SegmentManifest;
  /** Unwraps the recording's data key (MasterKeyRing.unwrap with the recording's context). */
  readonly dataKey: () => DataKey;
}

export interface SegmentsReport {
  readonly checked: number;
  readonly failures: readonly SegmentFailure[];
}

export interface SegmentFailure {
  readonly key: string;
  readonly problem: SegmentProblem | 'key-unusable';
  readonly detail: string;
}

/** What `npm run recordings:verify` runs: every segment, one at a time, every failure listed. */
export async function verifySegments(
  storage: ObjectStorage,
  segments: Iterable<SegmentToVerify> | AsyncIterable<SegmentToVerify>,
): Promise<SegmentsReport> {
  const failures: SegmentFailure[] = [];
  let checked = 0;
  for await (const { manifest, dataKey } of segments) {
    checked += 1;
    let key: DataKey;
    try {
      key = dataKey();
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'The data key does not unwrap.';
      failures.push({ key: manifest.key, problem: 'key-unusable', detail });
      continue;
    }
    const result = await verifySegment(manifest, storage, manifest.key, key);
    if (!result.ok) failures.push({ key: manifest.key, problem: result.problem, detail: result.detail });
  }
  return { checked, failures };
}
