import { UNSATISFIABLE, parseRange } from './http-range';

describe(parseRange.name, () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
  ])('reads %s of a 1000-byte body', (header, span) => {
    expect(parseRange(header, 1000)).toEqual(span);
  });

  it.each(['bytes=1000-', 'bytes=1000-2000', 'bytes=-0'])('says %s of a 1000-byte body cannot be satisfied', (header) => {
    expect(parseRange(header, 1000)).toBe(UNSATISFIABLE);
  });

  it('says any range of an empty body cannot be satisfied', () => {
    expect(parseRange('bytes=0-', 0)).toBe(UNSATISFIABLE);
    expect(parseRange('bytes=-1', 0)).toBe(UNSATISFIABLE);
  });

  it.each([undefined, '', 'bytes=', 'bytes=-', 'bytes=5-1', 'bytes=0-1,5-6', 'items=0-1', 'bytes=a-b', 'bytes=99999999999999999999-'])(
    'ignores %p, so the whole body is sent',
    (header) => {
      expect(parseRange(header, 1000)).toBeUndefined();
    },
  );
});
