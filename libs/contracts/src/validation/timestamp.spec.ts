import { validate } from 'class-validator';
import { IsCalendarDate, IsTimestamp, isCalendarDate, parseTimestamp } from './timestamp';

class Probe {
  @IsTimestamp()
  startsAt!: string;

  @IsCalendarDate()
  birthDate!: string;
}

/** ISO 8601 forms class-validator's IsISO8601 accepts and `new Date` cannot read, or reads as another day. */
const LOOKS_ISO_BUT_IS_NOT_OURS = [
  '2026-W50-3',
  '2026-W50-3T16:00:00Z',
  '20261210T160000Z',
  '2026-12-10T16:00:00,5Z',
  '2026-344',
  '2026-344T16:00:00Z',
  '2026-12-10T16:00Z',
  '2026-12-10T16Z',
  '2026-12-10 16:00:00Z',
  '2026-12-10t16:00:00z',
  '2026-12-10T16:00:00',
  '2026-12-10T16:00:00+0100',
  '2026-12-10T16:00:00+01',
  '+002026-12-10T16:00:00Z',
  '2026-02-30T16:00:00Z',
  '2026-12-10T24:00:00Z',
  '2026-12-10T16:00:60Z',
  '2026-12-10T16:60:00Z',
  '2026-12-10T16:00:00+24:00',
  '2026-12-10T16:00:00.1234Z',
  '0000-12-10T16:00:00Z',
  '2026-12-10',
  '',
];

describe('parseTimestamp', () => {
  it.each(LOOKS_ISO_BUT_IS_NOT_OURS)('refuses %p', (value) => {
    expect(parseTimestamp(value)).toBeUndefined();
  });

  it('reads RFC 3339 timestamps with Z or an offset as the instant they name', () => {
    expect(parseTimestamp('2026-12-10T16:00:00Z')?.toISOString()).toBe('2026-12-10T16:00:00.000Z');
    expect(parseTimestamp('2026-12-10T16:00:00.5Z')?.toISOString()).toBe('2026-12-10T16:00:00.500Z');
    expect(parseTimestamp('2026-12-10T18:00:00.123+02:00')?.toISOString()).toBe('2026-12-10T16:00:00.123Z');
    expect(parseTimestamp('2026-12-10T11:30:00-04:30')?.toISOString()).toBe('2026-12-10T16:00:00.000Z');
    expect(parseTimestamp('2028-02-29T00:00:00Z')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseTimestamp('0001-01-01T00:30:00+01:00')?.toISOString()).toBe('0000-12-31T23:30:00.000Z');
    expect(parseTimestamp('9999-12-31T23:59:59-23:59')).toBeDefined();
  });

  it('accepts what Date.prototype.toISOString writes, so the web client always passes', () => {
    for (const instant of [0, 1_796_918_400_123, Date.UTC(2030, 1, 28, 23, 59, 59, 999)]) {
      expect(parseTimestamp(new Date(instant).toISOString())?.getTime()).toBe(instant);
    }
  });
});

describe('isCalendarDate', () => {
  it('accepts days that exist and refuses the rest', () => {
    expect(['2026-12-10', '2028-02-29', '2000-02-29', '0001-01-01'].filter(isCalendarDate)).toHaveLength(4);
    const impossible = ['2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-12-00', '0000-01-01'];
    for (const value of [...impossible, '2026-344', '2026-W50-3', '20261210', '2026-12-10T00:00:00Z', ' 2026-12-10']) {
      expect(isCalendarDate(value)).toBe(false);
    }
  });
});

describe(IsTimestamp.name, () => {
  it('names the field it refuses, and takes only strings', async () => {
    const errors = async (startsAt: unknown, birthDate: unknown) =>
      validate(Object.assign(new Probe(), { startsAt, birthDate }));
    expect(await errors('2026-12-10T16:00:00Z', '2021-04-02')).toEqual([]);
    const refused = await errors('2026-W50-3', '2026-344');
    expect(refused.map((error) => error.property)).toEqual(['startsAt', 'birthDate']);
    expect(Object.values(refused[0].constraints ?? {})).toEqual([
      'startsAt must be a timestamp such as 2026-12-10T16:00:00Z (RFC 3339, with Z or an offset)',
    ]);
    expect(Object.values(refused[1].constraints ?? {})).toEqual(['birthDate must be a date that exists, YYYY-MM-DD']);
    const notStrings = await errors(1_796_918_400_000, new Date());
    expect(notStrings.map((error) => error.property)).toEqual(['startsAt', 'birthDate']);
  });
});
