/**
 * Where a track segment's bytes live, all encrypted: the journal while it is written, a
 * scratch copy during finalization, the final seekable file. UUIDs only, as storage keys demand.
 */
export interface SegmentKeys {
  readonly journalKey: string;
  readonly scratchKey: string;
  readonly finalKey: string;
}

export const JOURNAL_PREFIX = 'recording-journals';

export function segmentKeys(recordingId: string, segmentId: string): SegmentKeys {
  const path = `${recordingId}/${segmentId}`;
  return {
    journalKey: `${JOURNAL_PREFIX}/${path}`,
    scratchKey: `recording-scratch/${path}`,
    finalKey: `recordings/${path}`,
  };
}
