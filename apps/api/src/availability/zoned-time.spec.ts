import { MS_PER_DAY, MS_PER_MINUTE, dayOfIsoDate, isValidTimeZone, isoDateOfDay, localDayOf, minutesOfLocalTime, wallToUtc, wallToUtcOfDay } from './zoned-time';

/** The UTC instant of a local wall-clock reading ('YYYY-MM-DDTHH:MM:SS') in `zone`. */
const utc = (local: string, zone: string) => new Date(wallToUtc(Date.parse(`${local}Z`), zone)).toISOString();

describe('wallToUtc', () => {
  it('uses the offset in force at that moment, in summer and in winter', () => {
    expect(utc('2026-07-01T09:00:00', 'Europe/Kyiv')).toBe('2026-07-01T06:00:00.000Z');
    expect(utc('2026-12-01T09:00:00', 'Europe/Kyiv')).toBe('2026-12-01T07:00:00.000Z');
  });

  it('moves a skipped time forward by the gap (spring forward)', () => {
    // 02:00–03:00 does not exist on 2026-03-08; 02:30 is read as 03:30 EDT.
    expect(utc('2026-03-08T02:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(utc('2026-03-08T03:00:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(utc('2026-03-29T03:30:00', 'Europe/Kyiv')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of a repeated time (fall back)', () => {
    expect(utc('2026-11-01T01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(utc('2026-11-01T02:00:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
    expect(utc('2026-10-25T03:30:00', 'Europe/Kyiv')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles zones ahead of UTC by more than half a day', () => {
    expect(utc('2026-11-24T03:00:00', 'Pacific/Auckland')).toBe('2026-11-23T14:00:00.000Z');
  });
});

describe('localDayOf', () => {
  it('gives the local date, which can differ from the UTC date', () => {
    const instant = Date.parse('2026-11-23T23:30:00Z');
    expect(isoDateOfDay(localDayOf(instant, 'UTC'))).toBe('2026-11-23');
    expect(isoDateOfDay(localDayOf(instant, 'Europe/Kyiv'))).toBe('2026-11-24');
    expect(isoDateOfDay(localDayOf(instant, 'America/New_York'))).toBe('2026-11-23');
  });
});

describe('parsing', () => {
  it('accepts real dates only', () => {
    expect(isoDateOfDay(dayOfIsoDate('2028-02-29') as number)).toBe('2028-02-29');
    expect(dayOfIsoDate('2026-02-29')).toBeUndefined();
    expect(dayOfIsoDate('2026-2-01')).toBeUndefined();
  });

  it('accepts HH:MM from 00:00 to 24:00', () => {
    expect(minutesOfLocalTime('00:00')).toBe(0);
    expect(minutesOfLocalTime('09:30')).toBe(570);
    expect(minutesOfLocalTime('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:00', '12:60', '12:00:00', '']) expect(minutesOfLocalTime(bad)).toBeUndefined();
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Kyiv')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('wallToUtcOfDay', () => {
  it('converts every half hour of every day exactly as wallToUtc does, through the spring and autumn transitions of both hemispheres', () => {
    // Lord Howe moves by 30 minutes, Chatham and Kathmandu sit at 45-minute offsets.
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
    const days = (from: string, to: string) => Array.from({ length: (dayOfIsoDate(to) as number) - (dayOfIsoDate(from) as number) + 1 }, (_, i) => (dayOfIsoDate(from) as number) + i);
    let compared = 0;
    for (const zone of zones) {
      for (const day of [...days('2026-03-01', '2026-04-15'), ...days('2026-09-01', '2026-11-10')]) {
        const ofDay = wallToUtcOfDay(day, zone);
        for (let minutes = 0; minutes <= 24 * 60; minutes += 30) {
          const wall = day * MS_PER_DAY + minutes * MS_PER_MINUTE;
          expect(ofDay(wall)).toBe(wallToUtc(wall, zone));
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(35_000);
  });
});
