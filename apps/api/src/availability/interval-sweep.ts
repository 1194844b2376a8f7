/** A half-open interval [start, end) in epoch milliseconds. */
export type MsInterval = readonly [start: number, end: number];

/** Sorts once and unions overlapping or touching intervals, so the sweep steps over each busy stretch once. */
export function mergeIntervals(intervals: MsInterval[]): MsInterval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Answers "does [start, end) overlap anything?" for queries whose starts never decrease,
 * in amortised constant time: a cursor only moves forward past intervals that ended, so
 * checking every slot of 60 days costs one pass over the busy intervals, not one per slot.
 */
export class IntervalSweep {
  private readonly intervals: MsInterval[];
  private cursor = 0;

  constructor(intervals: MsInterval[]) {
    this.intervals = mergeIntervals(intervals);
  }

  overlaps(start: number, end: number): boolean {
    while (this.cursor < this.intervals.length && this.intervals[this.cursor][1] <= start) this.cursor += 1;
    return this.cursor < this.intervals.length && this.intervals[this.cursor][0] < end;
  }
}
