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

const JOURNAL_KEY = new RegExp(`^${JOURNAL_PREFIX}/([0-9a-f-]{36})/([0-9a-f-]{36})$`);

/** The recording and segment a journal key names (what recovery after a restart lists), or undefined. */
export function segmentOfJournal(journalKey: string): { recordingId: string; segmentId: string } | undefined {
  const match = JOURNAL_KEY.exec(journalKey);
  return match ? { recordingId: match[1], segmentId: match[2] } : undefined;
}
