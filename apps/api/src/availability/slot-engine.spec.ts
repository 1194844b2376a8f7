import { computeSlots } from './slot-engine';
import { kyivQuery, startsOf, utcInterval } from './slot-query.fixture';

describe('computeSlots', () => {
  it('steps through each weekly rule at the consultation length, aligned to its start', () => {
    const slots = computeSlots(
      kyivQuery({
        weeklyRules: [
          { weekday: 'monday', start: '09:00', end: '10:00' },
          { weekday: 'monday', start: '14:10', end: '15:20' },
          { weekday: 'tuesday', start: '09:00', end: '10:00' },
        ],
      }),
    );
    // 14:10–15:20 holds two 30-minute consultations (14:10, 14:40); the last 10 minutes are too short.
    expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T07:30', '2026-11-23T12:10', '2026-11-23T12:40']);
    expect(slots[0].endsAt.toISOString()).toBe('2026-11-23T07:30:00.000Z');
  });

  it('uses a finer step when one is set', () => {
    const slots = computeSlots(kyivQuery({ weeklyRules: [{ weekday: 'monday', start: '09:00', end: '10:00' }], stepMinutes: 15 }));
    expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T07:15', '2026-11-23T07:30']);
  });

  it('offers overlapping rules once', () => {
    const slots = computeSlots(
      kyivQuery({
        weeklyRules: [
          { weekday: 'monday', start: '09:00', end: '10:00' },
          { weekday: 'monday', start: '09:30', end: '10:30' },
        ],
      }),
    );
    expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T07:30', '2026-11-23T08:00']);
  });

  it('returns slots that start in [from, to) only', () => {
    const slots = computeSlots(kyivQuery({ from: new Date('2026-11-23T08:00:00Z'), to: new Date('2026-11-23T09:00:00Z') }));
    expect(startsOf(slots)).toEqual(['2026-11-23T08:00', '2026-11-23T08:30']);
  });

  describe('date overrides', () => {
    const week = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-25T00:00:00Z') };

    it('replaces the weekday rules of that date, and can open a day without rules', () => {
      const slots = computeSlots(
        kyivQuery({
          ...week,
          dateOverrides: [
            { date: '2026-11-23', intervals: [{ start: '13:00', end: '14:00' }] },
            { date: '2026-11-24', intervals: [{ start: '08:00', end: '08:30' }] },
          ],
        }),
      );
      expect(startsOf(slots)).toEqual(['2026-11-23T11:00', '2026-11-23T11:30', '2026-11-24T06:00']);
    });

    it('closes a day, with `closed` or with no intervals', () => {
      expect(computeSlots(kyivQuery({ dateOverrides: [{ date: '2026-11-23', closed: true }] }))).toEqual([]);
      expect(computeSlots(kyivQuery({ dateOverrides: [{ date: '2026-11-23', intervals: [] }] }))).toEqual([]);
    });

    it('leaves other dates of the same weekday alone', () => {
      const slots = computeSlots(
        kyivQuery({ to: new Date('2026-12-01T00:00:00Z'), dateOverrides: [{ date: '2026-11-23', closed: true }] }),
      );
      expect(startsOf(slots)[0]).toBe('2026-11-30T07:00');
      expect(slots).toHaveLength(6);
    });
  });

  it('drops slots that touch time off, and keeps those that only meet it', () => {
    // 09:45–10:15 Kyiv cuts the 09:30 and 10:00 consultations.
    const slots = computeSlots(kyivQuery({ timeOff: [utcInterval('2026-11-23T07:45', '2026-11-23T08:15')] }));
    expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T08:30', '2026-11-23T09:00', '2026-11-23T09:30']);
  });

  describe('bookings, holds and buffers', () => {
    const booking = { ...utcInterval('2026-11-23T08:00', '2026-11-23T08:30'), kind: 'booking' as const };

    it('removes the booked time', () => {
      const slots = computeSlots(kyivQuery({ busy: [booking] }));
      expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T07:30', '2026-11-23T08:30', '2026-11-23T09:00', '2026-11-23T09:30']);
    });

    it('keeps both consultations’ buffers free, removing the neighbouring slots', () => {
      // The booking owns 09:45–10:45 Kyiv with its buffers; a new one needs 15 minutes free either side too.
      const slots = computeSlots(kyivQuery({ busy: [booking], bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }));
      expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T09:00', '2026-11-23T09:30']);
    });

    it('applies a buffer after only where it is set', () => {
      const slots = computeSlots(kyivQuery({ busy: [booking], bufferAfterMinutes: 10 }));
      // 09:30 would need 10:00–10:10 for its notes, inside the booking; 10:30 starts inside the booking's notes (to 10:40).
      expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T09:00', '2026-11-23T09:30']);
    });

    it('treats a hold like a booking', () => {
      const slots = computeSlots(kyivQuery({ busy: [{ ...utcInterval('2026-11-23T07:00', '2026-11-23T07:30'), kind: 'hold' }] }));
      expect(startsOf(slots)[0]).toBe('2026-11-23T07:30');
    });
  });

  describe('notice and horizon', () => {
    it('offers nothing sooner than the minimum notice', () => {
      // Now is 09:10 Kyiv; with an hour's notice the first slot is 10:30 (slots stay on the rule's grid).
      const slots = computeSlots(kyivQuery({ now: new Date('2026-11-23T07:10:00Z'), minimumNoticeMinutes: 60 }));
      expect(startsOf(slots)).toEqual(['2026-11-23T08:30', '2026-11-23T09:00', '2026-11-23T09:30']);
    });

    it('offers nothing in the past even without notice', () => {
      const slots = computeSlots(kyivQuery({ now: new Date('2026-11-23T09:15:00Z') }));
      expect(startsOf(slots)).toEqual(['2026-11-23T09:30']);
    });

    it('offers nothing beyond the horizon, a slot exactly at it included', () => {
      const slots = computeSlots(kyivQuery({ now: new Date('2026-11-16T08:00:00Z'), horizonDays: 7 }));
      expect(startsOf(slots)).toEqual(['2026-11-23T07:00', '2026-11-23T07:30', '2026-11-23T08:00']);
      expect(computeSlots(kyivQuery({ now: new Date('2026-11-16T08:00:00Z'), horizonDays: 6 }))).toEqual([]);
    });
  });

  describe('daily limit', () => {
    const mondayAndTuesday = {
      weeklyRules: [
        { weekday: 'monday' as const, start: '09:00', end: '12:00' },
        { weekday: 'tuesday' as const, start: '09:00', end: '12:00' },
      ],
      to: new Date('2026-11-25T00:00:00Z'),
      dailyLimit: 1,
    };

    it('counts a booking in the consultant’s local day, not the UTC day', () => {
      // 23:30Z on Monday is 01:30 on Tuesday in Kyiv: Tuesday is full, Monday is not.
      const lateMonday = { ...utcInterval('2026-11-23T23:30', '2026-11-24T00:00'), kind: 'booking' as const };
      const slots = computeSlots(kyivQuery({ ...mondayAndTuesday, busy: [lateMonday] }));
      expect(slots).toHaveLength(6);
      expect(startsOf(slots).every((start) => start.startsWith('2026-11-23'))).toBe(true);

      // 22:30Z on Sunday is 00:30 on Monday in Kyiv: Monday is full.
      const earlyMonday = { ...utcInterval('2026-11-22T22:30', '2026-11-22T23:00'), kind: 'booking' as const };
      const mondayFull = computeSlots(kyivQuery({ ...mondayAndTuesday, busy: [earlyMonday] }));
      expect(startsOf(mondayFull).every((start) => start.startsWith('2026-11-24'))).toBe(true);
      expect(mondayFull).toHaveLength(6);
    });

    it('leaves a day open below the limit and counts holds', () => {
      const booking = { ...utcInterval('2026-11-23T07:00', '2026-11-23T07:30'), kind: 'booking' as const };
      const hold = { ...utcInterval('2026-11-23T09:00', '2026-11-23T09:30'), kind: 'hold' as const };
      expect(computeSlots(kyivQuery({ ...mondayAndTuesday, dailyLimit: 2, busy: [booking] })).length).toBeGreaterThan(6);
      const full = computeSlots(kyivQuery({ ...mondayAndTuesday, dailyLimit: 2, busy: [booking, hold] }));
      expect(startsOf(full).every((start) => start.startsWith('2026-11-24'))).toBe(true);
    });
  });
});
