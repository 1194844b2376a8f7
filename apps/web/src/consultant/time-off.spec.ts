import { describeTimeOff, timeOffValuesOf, toTimeOffPayload, validateTimeOff } from './time-off';

const now = Date.parse('2026-11-20T12:00:00Z');

describe(toTimeOffPayload.name, () => {
  it('reads the wall-clock times in the consultant’s zone, not the machine’s', () => {
    expect(toTimeOffPayload({ startsAt: '2026-12-24T09:00', endsAt: '2026-12-27T18:30' }, 'Europe/Kyiv')).toEqual({
      startsAt: '2026-12-24T07:00:00.000Z',
      endsAt: '2026-12-27T16:30:00.000Z',
    });
    expect(toTimeOffPayload({ startsAt: '2026-12-24T09:00', endsAt: '2026-12-24T17:00' }, 'America/New_York')).toEqual({
      startsAt: '2026-12-24T14:00:00.000Z',
      endsAt: '2026-12-24T22:00:00.000Z',
    });
  });

  it('keeps the wall clock across a daylight-saving change inside the range', () => {
    // Kyiv moves from UTC+3 to UTC+2 on 25 October 2026.
    expect(toTimeOffPayload({ startsAt: '2026-10-24T09:00', endsAt: '2026-10-26T09:00' }, 'Europe/Kyiv')).toEqual({
      startsAt: '2026-10-24T06:00:00.000Z',
      endsAt: '2026-10-26T07:00:00.000Z',
    });
  });

  it('refuses values the check refuses', () => {
    expect(() => toTimeOffPayload({ startsAt: '', endsAt: '2026-12-24T09:00' }, 'Europe/Kyiv')).toThrow();
  });
});

describe(timeOffValuesOf.name, () => {
  it('shows stored time off as the consultant’s wall clock, read back to the same instants', () => {
    const view = { id: 't', startsAt: '2026-12-24T07:00:00.000Z', endsAt: '2026-12-27T16:30:00.000Z' };
    const values = timeOffValuesOf(view, 'Europe/Kyiv');
    expect(values).toEqual({ startsAt: '2026-12-24T09:00', endsAt: '2026-12-27T18:30' });
    expect(toTimeOffPayload(values, 'Europe/Kyiv')).toEqual({ startsAt: view.startsAt, endsAt: view.endsAt });
  });
});

describe(validateTimeOff.name, () => {
  it('accepts a future range, and one that has begun but not ended', () => {
    expect(validateTimeOff({ startsAt: '2026-12-24T09:00', endsAt: '2026-12-27T18:00' }, 'Europe/Kyiv', now)).toEqual({});
    expect(validateTimeOff({ startsAt: '2026-11-19T09:00', endsAt: '2026-11-21T09:00' }, 'Europe/Kyiv', now)).toEqual({});
  });

  it('asks for both ends', () => {
    expect(validateTimeOff({ startsAt: '', endsAt: '' }, 'Europe/Kyiv', now)).toEqual({
      startsAt: 'Enter when the time off starts.',
      endsAt: 'Enter when the time off ends.',
    });
  });

  it('refuses an end not after the start, and a range already over', () => {
    expect(validateTimeOff({ startsAt: '2026-12-24T09:00', endsAt: '2026-12-24T09:00' }, 'Europe/Kyiv', now)).toEqual({ endsAt: 'The end must be after the start.' });
    // 13:30 in Kyiv is 11:30 UTC: before `now`.
    expect(validateTimeOff({ startsAt: '2026-11-20T09:00', endsAt: '2026-11-20T13:30' }, 'Europe/Kyiv', now)).toEqual({
      endsAt: 'This time off is already over: the end must be in the future.',
    });
  });
});

describe(describeTimeOff.name, () => {
  it('names the date once for a range within one day of the zone', () => {
    expect(describeTimeOff({ id: 't', startsAt: '2026-12-24T07:00:00Z', endsAt: '2026-12-24T15:00:00Z' }, 'Europe/Kyiv')).toBe('Thu, 24 Dec 2026, 09:00–17:00');
  });

  it('names both dates of a longer range, in the zone', () => {
    expect(describeTimeOff({ id: 't', startsAt: '2026-12-24T07:00:00Z', endsAt: '2026-12-27T22:30:00Z' }, 'Europe/Kyiv')).toBe('Thu, 24 Dec 2026, 09:00 – Mon, 28 Dec 2026, 00:30');
  });
});
