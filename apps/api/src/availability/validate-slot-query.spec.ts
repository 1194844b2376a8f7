import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { SlotQuery } from './availability-rules';
import { computeSlots } from './slot-engine';
import { kyivQuery, utcInterval } from './slot-query.fixture';

function detailsOf(query: SlotQuery): string[] {
  try {
    computeSlots(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.ValidationFailed);
    return (error as AppError).details ?? [];
  }
  throw new Error('computeSlots accepted an invalid query');
}

describe('validateSlotQuery', () => {
  it('accepts the fixture', () => {
    expect(() => computeSlots(kyivQuery())).not.toThrow();
  });

  it('rejects an unknown time zone', () => {
    expect(detailsOf(kyivQuery({ timeZone: 'Europe/Atlantis' }))).toEqual(['timeZone: must be an IANA time zone']);
  });

  it.each([4, 181, 30.5])('rejects a consultation of %s minutes', (consultationMinutes) => {
    expect(detailsOf(kyivQuery({ consultationMinutes }))).toEqual(['consultationMinutes: must be a whole number from 5 to 180']);
  });

  it('accepts the bounds of the consultation length', () => {
    expect(() => computeSlots(kyivQuery({ consultationMinutes: 5 }))).not.toThrow();
    expect(() => computeSlots(kyivQuery({ consultationMinutes: 180 }))).not.toThrow();
  });

  it('rejects a rule that ends before it starts, or has a malformed time or weekday', () => {
    const details = detailsOf(
      kyivQuery({
        weeklyRules: [
          { weekday: 'monday', start: '12:00', end: '09:00' },
          { weekday: 'monday', start: '9:00', end: '25:00' },
          { weekday: 'funday' as never, start: '09:00', end: '10:00' },
        ],
      }),
    );
    expect(details).toEqual([
      'weeklyRules[0].end: must be after start',
      'weeklyRules[1].start: must be HH:MM',
      'weeklyRules[1].end: must be HH:MM',
      'weeklyRules[2].weekday: must be a weekday name',
    ]);
  });

  it('rejects bad overrides', () => {
    const details = detailsOf(
      kyivQuery({
        dateOverrides: [
          { date: '2026-02-30', closed: true },
          { date: '2026-11-23', intervals: [{ start: '10:00', end: '10:00' }] },
          { date: '2026-11-23', closed: true },
        ],
      }),
    );
    expect(details).toEqual([
      'dateOverrides[0].date: must be YYYY-MM-DD',
      'dateOverrides[1].intervals[0].end: must be after start',
      'dateOverrides[2].date: is overridden twice',
    ]);
  });

  it('rejects empty time off and busy intervals, buffers, limits and ranges out of bounds', () => {
    const details = detailsOf(
      kyivQuery({
        timeOff: [utcInterval('2026-11-23T10:00', '2026-11-23T10:00')],
        busy: [{ startsAt: new Date('nonsense'), endsAt: new Date(), kind: 'booking' }],
        bufferBeforeMinutes: -5,
        dailyLimit: 0,
        horizonDays: 400,
        from: new Date('2026-11-24T00:00:00Z'),
        to: new Date('2026-11-23T00:00:00Z'),
      }),
    );
    expect(details).toEqual([
      'bufferBeforeMinutes: must be a whole number from 0 to 1440',
      'horizonDays: must be a whole number from 0 to 366',
      'dailyLimit: must be a whole number from 1 to 1440',
      'timeOff[0].endsAt: must be after startsAt',
      'busy[0]: must be valid instants',
      'to: must be after from',
    ]);
  });

  it('bounds the range, so one request cannot ask for years of slots', () => {
    expect(detailsOf(kyivQuery({ to: new Date('2028-01-01T00:00:00Z') }))).toEqual(['to: at most 366 days after from']);
  });
});
