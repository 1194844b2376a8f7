import { IntervalSweep, mergeIntervals } from './interval-sweep';

describe('mergeIntervals', () => {
  it('sorts and unions overlapping and touching intervals', () => {
    expect(mergeIntervals([[50, 60], [0, 10], [5, 20], [20, 30], [40, 45]])).toEqual([[0, 30], [40, 45], [50, 60]]);
  });
});

describe(IntervalSweep.name, () => {
  it('reports overlaps of half-open intervals for ascending queries', () => {
    const sweep = new IntervalSweep([[30, 40], [10, 20]]);
    expect(sweep.overlaps(0, 10)).toBe(false);
    expect(sweep.overlaps(5, 11)).toBe(true);
    expect(sweep.overlaps(20, 30)).toBe(false);
    expect(sweep.overlaps(25, 35)).toBe(true);
    expect(sweep.overlaps(40, 50)).toBe(false);
  });

  it('sees a long interval that started before shorter ones', () => {
    // The cursor must not move past [0, 100) when the short interval inside it has ended.
    const sweep = new IntervalSweep([[0, 100], [10, 20]]);
    expect(sweep.overlaps(30, 40)).toBe(true);
    expect(sweep.overlaps(100, 110)).toBe(false);
  });
});
