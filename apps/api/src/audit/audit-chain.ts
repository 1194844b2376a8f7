import { createHash } from 'node:crypto';
import type { Client } from 'pg';

export interface AuditChainReport {
  events: number;
  /** The first chain position whose stored hashes do not follow from its content and predecessor. */
  firstBrokenAt?: string;
  reason?: 'hash-mismatch' | 'prev-hash-mismatch' | 'gap';
  lastHash?: string;
}

const GENESIS = Buffer.alloc(32);
const BATCH = 5_000;

/**
 * Recomputes the audit chain in this process, from the events' canonical text (the same
 * SQL function the insert trigger hashed), in batches so any size fits in memory. Needs
 * the schema owner's connection: the runtime role sees only one clinic's events.
 */
export async function verifyAuditChain(owner: Client): Promise<AuditChainReport> {
  let expectedPrev: Buffer = GENESIS;
  let expectedSeq = 1n;
  let events = 0;
  for (;;) {
    const { rows } = await owner.query<{ chain_seq: string; prev_hash: Buffer; hash: Buffer; canonical: string }>(
      `SELECT e.chain_seq, e.prev_hash, e.hash, audit_event_canonical(e) AS canonical
         FROM audit_events e WHERE e.chain_seq >= $1 ORDER BY e.chain_seq LIMIT ${BATCH}`,
      [expectedSeq.toString()],
    );
    if (rows.length === 0) return { events, lastHash: events ? expectedPrev.toString('hex') : undefined };
    for (const row of rows) {
      if (BigInt(row.chain_seq) !== expectedSeq) return { events, firstBrokenAt: expectedSeq.toString(), reason: 'gap' };
      if (!row.prev_hash.equals(expectedPrev)) return { events, firstBrokenAt: row.chain_seq, reason: 'prev-hash-mismatch' };
      const recomputed = createHash('sha256').update(row.prev_hash).update(row.canonical, 'utf8').digest();
      if (!recomputed.equals(row.hash)) return { events, firstBrokenAt: row.chain_seq, reason: 'hash-mismatch' };
      expectedPrev = row.hash;
      expectedSeq += 1n;
      events += 1;
    }
  }
}
