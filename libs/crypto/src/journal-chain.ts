import { createHash } from 'node:crypto';

/**
 * The streams of a journal are chained through their salts, so that a reader finds a stream
 * dropped, repeated or moved, and a journal passed off as another's, even with no manifest
 * (after a crash): the first stream's salt is derived from the journal's id (its storage key),
 * each next one's from the final tag of the stream before it. Any 16 bytes are a valid v1
 * salt, so this changes nothing for v1 readers, and salts stay unique: ids are, and tags are
 * unpredictable.
 */
export function firstStreamSalt(journalId: string): Buffer {
  return saltOf('vetmeet/journal/v1/first', Buffer.from(journalId, 'utf8'));
}

export function nextStreamSalt(previousFinalTag: Buffer): Buffer {
  return saltOf('vetmeet/journal/v1/next', previousFinalTag);
}

function saltOf(label: string, input: Buffer): Buffer {
  return createHash('sha256').update(label).update(Buffer.from([0])).update(input).digest().subarray(0, 16);
}
