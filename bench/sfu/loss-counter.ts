/**
 * Receive-side loss of one RTP stream from its sequence numbers, as RFC 3550 A.3 counts it:
 * expected = highest extended sequence number - first + 1, lost = expected - received.
 * Sequence numbers are 16 bits and wrap; a packet is placed on the side of the highest one
 * seen that is nearer (so 65535 -> 0 is one step forward, 3 -> 65534 is a late packet).
 * Late (reordered) packets count as received; duplicates (within a window) do not.
 */
export class SequenceLossCounter {
  /** How far back duplicates are recognised. */
  static readonly WINDOW = 1024;
  private readonly seen = new Float64Array(SequenceLossCounter.WINDOW).fill(-1);
  private first = -1;
  private highest = -1;
  private count = 0;
  private duplicateCount = 0;

  record(sequenceNumber: number): void {
    const seq = sequenceNumber & 0xffff;
    let extended: number;
    if (this.highest < 0) {
      extended = seq + 0x10000; // one cycle up, so a packet reordered before the first stays >= 0
      this.first = this.highest = extended;
    } else {
      const delta = ((seq - (this.highest & 0xffff) + 0x18000) & 0xffff) - 0x8000; // -32768..32767
      extended = this.highest + delta;
      if (extended < 0) return; // older than anything we can place: ignore
      if (extended > this.highest) this.highest = extended;
      if (extended < this.first) this.first = extended;
    }
    const slot = extended % SequenceLossCounter.WINDOW;
    if (this.seen[slot] === extended) {
      this.duplicateCount += 1;
      return;
    }
    this.seen[slot] = extended;
    this.count += 1;
  }

  get expected(): number {
    return this.highest < 0 ? 0 : this.highest - this.first + 1;
  }

  get received(): number {
    return this.count;
  }

  /** Can be negative for a moment when late packets arrive from before `first`'s window. */
  get lost(): number {
    return this.expected - this.count;
  }

  get duplicates(): number {
    return this.duplicateCount;
  }
}

export interface LossTotals {
  expected: number;
  received: number;
}

/** Loss over a window: counters read at its start and at its end. */
export function windowLoss(start: LossTotals, end: LossTotals): LossTotals & { lost: number; fraction: number } {
  const expected = end.expected - start.expected;
  const received = end.received - start.received;
  const lost = Math.max(0, expected - received);
  return { expected, received, lost, fraction: expected > 0 ? lost / expected : 0 };
}
