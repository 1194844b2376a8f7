import { addInterval, describeIntervals, intervalProblems, minutesOf, normalizeTime, removeInterval, updateInterval, type IntervalValues } from './local-intervals';

const rows = (...pairs: [string, string][]): IntervalValues[] => pairs.map(([start, end], index) => ({ key: `k${index}`, start, end }));

describe(intervalProblems.name, () => {
  it('accepts separate and touching intervals, in any order, up to midnight', () => {
    expect(intervalProblems(rows(['13:00', '17:00'], ['09:00', '12:00'], ['12:00', '13:00'], ['20:00', '24:00']))).toEqual([]);
  });

  it('names an end that is not after its start', () => {
    expect(intervalProblems(rows(['10:00', '10:00'], ['12:00', '11:30']))).toEqual([
      { index: 0, part: 'end', message: 'The end must be after the start (10:00).' },
      { index: 1, part: 'end', message: 'The end must be after the start (12:00).' },
    ]);
  });

  it('marks the later of two overlapping intervals, naming the one it overlaps', () => {
    expect(intervalProblems(rows(['11:00', '14:00'], ['09:00', '12:00']))).toEqual([{ index: 0, part: 'start', message: 'Overlaps 09:00–12:00.' }]);
    expect(intervalProblems(rows(['09:00', '17:00'], ['10:00', '11:00'], ['16:00', '18:00']))).toEqual([
      { index: 1, part: 'start', message: 'Overlaps 09:00–17:00.' },
      { index: 2, part: 'start', message: 'Overlaps 09:00–17:00.' },
    ]);
  });

  it('treats the same interval twice as an overlap', () => {
    expect(intervalProblems(rows(['09:00', '10:00'], ['09:00', '10:00']))).toEqual([{ index: 1, part: 'start', message: 'Overlaps 09:00–10:00.' }]);
  });

  it.each([
    ['', '10:00', 'start'],
    ['9', '10:00', 'start'],
    ['24:00', '10:00', 'start'],
    ['09:00', '', 'end'],
    ['09:00', '24:30', 'end'],
    ['09:00', '10:60', 'end'],
  ])('refuses %j–%j (the %s)', (start, end, part) => {
    expect(intervalProblems(rows([start, end]))).toEqual([expect.objectContaining({ index: 0, part })]);
  });

  it('does not compare an invalid interval for overlaps', () => {
    expect(intervalProblems(rows(['09:00', '08:00'], ['07:00', '10:00']))).toEqual([{ index: 0, part: 'end', message: 'The end must be after the start (09:00).' }]);
  });
});

describe(addInterval.name, () => {
  it('starts an empty day at 09:00–17:00', () => {
    expect(addInterval([])).toEqual([expect.objectContaining({ start: '09:00', end: '17:00' })]);
  });

  it('adds an hour after the latest end, stopping at midnight', () => {
    expect(addInterval(rows(['09:00', '12:00'])).at(-1)).toEqual(expect.objectContaining({ start: '12:00', end: '13:00' }));
    expect(addInterval(rows(['20:00', '23:30'])).at(-1)).toEqual(expect.objectContaining({ start: '23:30', end: '24:00' }));
  });

  it('adds nothing to a day already open until midnight', () => {
    expect(addInterval(rows(['09:00', '24:00']))).toHaveLength(1);
  });

  it('gives every new row its own key', () => {
    const once = addInterval([]);
    const twice = addInterval(once);
    expect(new Set(twice.map((row) => row.key)).size).toBe(2);
  });
});

describe('editing rows', () => {
  it('changes and removes only the row with that key', () => {
    const day = rows(['09:00', '12:00'], ['13:00', '17:00']);
    expect(updateInterval(day, 'k1', 'end', '18:00')).toEqual(rows(['09:00', '12:00'], ['13:00', '18:00']));
    expect(removeInterval(day, 'k0')).toEqual([{ key: 'k1', start: '13:00', end: '17:00' }]);
    expect(day).toEqual(rows(['09:00', '12:00'], ['13:00', '17:00']));
  });
});

describe(normalizeTime.name, () => {
  it.each([
    ['9:00', '09:00'],
    ['930', '09:30'],
    ['1730', '17:30'],
    ['17', '17:00'],
    [' 08.15 ', '08:15'],
    ['24', '24:00'],
    ['24:30', '24:30'],
    ['noon', 'noon'],
  ])('reads %j as %j', (typed, written) => {
    expect(normalizeTime(typed)).toBe(written);
  });
});

describe(minutesOf.name, () => {
  it('allows 24:00 only as an end', () => {
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('24:00', { end: true })).toBe(1440);
    expect(minutesOf('00:00')).toBe(0);
  });
});

describe(describeIntervals.name, () => {
  it('lists a day earliest first', () => {
    expect(describeIntervals([{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }])).toBe('09:00–12:00, 13:00–17:00');
  });
});
