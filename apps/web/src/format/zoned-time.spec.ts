import { instantOfWallTime, wallTimeOf } from './zoned-time';

const iso = (value: string, timeZone: string) => instantOfWallTime(value, timeZone)?.toISOString() ?? null;

describe(instantOfWallTime.name, () => {
  it('reads a wall-clock time in the named zone, whatever zone the machine is in', () => {
    expect(iso('2026-11-03T14:05', 'Europe/Kyiv')).toBe('2026-11-03T12:05:00.000Z');
    expect(iso('2026-07-01T09:30', 'Europe/Kyiv')).toBe('2026-07-01T06:30:00.000Z');
    expect(iso('2026-11-03T14:05', 'America/New_York')).toBe('2026-11-03T19:05:00.000Z');
    expect(iso('2026-11-03T14:05', 'Asia/Kathmandu')).toBe('2026-11-03T08:20:00.000Z');
    expect(iso('2026-11-03T14:05', 'UTC')).toBe('2026-11-03T14:05:00.000Z');
  });

  it('crosses midnight and the year with the zone', () => {
    expect(iso('2027-01-01T00:30', 'Europe/Warsaw')).toBe('2026-12-31T23:30:00.000Z');
    expect(iso('2026-12-31T20:00', 'America/Los_Angeles')).toBe('2027-01-01T04:00:00.000Z');
  });

  it.each([
    ['', 'empty'],
    ['2026-11-03 14:05', 'a space for the T'],
    ['2026-11-03T14:05:00', 'seconds'],
    ['2026-11-03T14:05Z', 'a zone of its own'],
    ['3 November 2026, 14:05', 'words'],
    ['2026-13-01T10:00', 'month 13'],
    ['2026-02-30T10:00', '30 February'],
    ['2026-02-29T10:00', '29 February of a common year'],
    ['2026-11-03T24:00', 'hour 24'],
    ['2026-11-03T14:60', 'minute 60'],
  ])('refuses %j (%s)', (value) => {
    expect(instantOfWallTime(value, 'Europe/Kyiv')).toBeNull();
  });

  it('accepts 29 February of a leap year', () => {
    expect(iso('2028-02-29T10:00', 'Europe/Kyiv')).toBe('2028-02-29T08:00:00.000Z');
  });

  it('refuses a zone that does not exist', () => {
    expect(instantOfWallTime('2026-11-03T14:05', 'Mars/Olympus_Mons')).toBeNull();
  });

  it('moves a time the clocks skip just past the change, east and west of Greenwich', () => {
    // Kyiv: 03:00 becomes 04:00 on 29 March 2026; New York: 02:00 becomes 03:00 on 8 March 2026.
    expect(wallTimeOf(instantOfWallTime('2026-03-29T03:30', 'Europe/Kyiv')!.getTime(), 'Europe/Kyiv')).toBe('2026-03-29T04:30');
    expect(wallTimeOf(instantOfWallTime('2026-03-08T02:30', 'America/New_York')!.getTime(), 'America/New_York')).toBe('2026-03-08T03:30');
    // Lord Howe Island moves its clocks by half an hour: 02:00 becomes 02:30 on 4 October 2026.
    expect(wallTimeOf(instantOfWallTime('2026-10-04T02:15', 'Australia/Lord_Howe')!.getTime(), 'Australia/Lord_Howe')).toBe('2026-10-04T02:45');
  });

  it('takes the first of a time the clocks pass twice, east and west of Greenwich', () => {
    // Kyiv: 04:00 becomes 03:00 on 25 October 2026 (03:30 is at 00:30 and at 01:30 UTC).
    expect(iso('2026-10-25T03:30', 'Europe/Kyiv')).toBe('2026-10-25T00:30:00.000Z');
    // New York: 02:00 becomes 01:00 on 1 November 2026 (01:30 is at 05:30 and at 06:30 UTC).
    expect(iso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('leaves the times beside a change where they are', () => {
    expect(iso('2026-03-29T02:59', 'Europe/Kyiv')).toBe('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29T04:00', 'Europe/Kyiv')).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2026-10-25T02:59', 'Europe/Kyiv')).toBe('2026-10-24T23:59:00.000Z');
    expect(iso('2026-10-25T04:00', 'Europe/Kyiv')).toBe('2026-10-25T02:00:00.000Z');
  });
});

describe(wallTimeOf.name, () => {
  it('shows an instant as the zone’s wall clock, in the form datetime-local holds', () => {
    const instant = Date.parse('2026-11-03T22:30:00Z');
    expect(wallTimeOf(instant, 'Europe/Kyiv')).toBe('2026-11-04T00:30');
    expect(wallTimeOf(instant, 'America/New_York')).toBe('2026-11-03T17:30');
    expect(wallTimeOf(instant, 'Asia/Kolkata')).toBe('2026-11-04T04:00');
  });

  it('writes midnight as 00:00 and drops the seconds', () => {
    expect(wallTimeOf(Date.parse('2026-11-03T22:00:00Z'), 'Europe/Kyiv')).toBe('2026-11-04T00:00');
    expect(wallTimeOf(Date.parse('2026-11-03T12:05:59.999Z'), 'Europe/Kyiv')).toBe('2026-11-03T14:05');
  });

  it.each(['Europe/Kyiv', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'is read back by instantOfWallTime through a whole year in %s',
    (timeZone) => {
      // Every 31 hours 13 minutes through 2026: every hour of the day, every season.
      const misread: string[] = [];
      for (let instant = Date.parse('2026-01-01T00:00:00Z'); instant < Date.parse('2027-01-01T00:00:00Z'); instant += (31 * 60 + 13) * 60_000) {
        const wall = wallTimeOf(instant, timeZone);
        const back = instantOfWallTime(wall, timeZone);
        if (back === null || wallTimeOf(back.getTime(), timeZone) !== wall) misread.push(wall);
      }
      expect(misread).toEqual([]);
    },
  );
});
