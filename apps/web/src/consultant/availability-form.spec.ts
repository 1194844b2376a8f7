import type { ConsultantAvailabilityView } from '@vetmeet/contracts/client';
import {
  availabilityFieldOf,
  availabilityValuesOf,
  liveHoursProblems,
  newOverride,
  overrideDateField,
  overrideIntervalField,
  toAvailabilityPayload,
  validateAvailability,
  weeklyField,
  type AvailabilityValues,
} from './availability-form';

const view: ConsultantAvailabilityView = {
  timeZone: 'Europe/Kyiv',
  weeklyRules: [
    { weekday: 'sunday', start: '10:00', end: '12:00' },
    { weekday: 'monday', start: '13:00', end: '17:00' },
    { weekday: 'monday', start: '09:00', end: '12:00' },
  ],
  dateOverrides: [
    { date: '2026-12-31', closed: true },
    { date: '2026-12-24', intervals: [{ start: '09:00', end: '11:00' }] },
  ],
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 120,
  horizonDays: 60,
  dailyLimit: null,
  stepMinutes: 15,
  timeOff: [],
};

const values = (): AvailabilityValues => availabilityValuesOf(view);

describe(availabilityValuesOf.name, () => {
  it('groups the rules by weekday, earliest first, and sorts the dates', () => {
    const form = values();
    expect(form.weekly.monday.map(({ start, end }) => `${start}-${end}`)).toEqual(['09:00-12:00', '13:00-17:00']);
    expect(form.weekly.sunday).toHaveLength(1);
    expect(form.weekly.tuesday).toEqual([]);
    expect(form.overrides.map(({ date, closed }) => [date, closed])).toEqual([
      ['2026-12-24', false],
      ['2026-12-31', true],
    ]);
    expect(form.dailyLimit).toBe('');
    expect(form.stepMinutes).toBe('15');
  });
});

describe(toAvailabilityPayload.name, () => {
  it('sends the rules Monday first and the same settings back', () => {
    const payload = toAvailabilityPayload(values());
    expect(payload.weeklyRules).toEqual([
      { weekday: 'monday', start: '09:00', end: '12:00' },
      { weekday: 'monday', start: '13:00', end: '17:00' },
      { weekday: 'sunday', start: '10:00', end: '12:00' },
    ]);
    expect(payload.dateOverrides).toEqual([
      { date: '2026-12-24', closed: false, intervals: [{ start: '09:00', end: '11:00' }] },
      { date: '2026-12-31', closed: true },
    ]);
    expect(payload).toEqual(expect.objectContaining({ bufferBeforeMinutes: 5, bufferAfterMinutes: 10, minimumNoticeMinutes: 120, horizonDays: 60, dailyLimit: null, stepMinutes: 15 }));
  });

  it('sends a closed date without the hours it had', () => {
    const form = values();
    form.overrides[0] = { ...form.overrides[0], closed: true };
    expect(toAvailabilityPayload(form).dateOverrides[0]).toEqual({ date: '2026-12-24', closed: true });
  });
});

describe(validateAvailability.name, () => {
  it('finds nothing wrong with what the server sent', () => {
    expect(validateAvailability(values())).toEqual({});
  });

  it('names the weekday and the field of an overlap or a backwards interval', () => {
    const form = values();
    form.weekly.monday[1] = { ...form.weekly.monday[1], start: '11:00' };
    form.weekly.friday = [{ key: 'f', start: '12:00', end: '09:00' }];
    expect(validateAvailability(form)).toEqual({
      [weeklyField('monday', 1, 'start')]: 'Monday: overlaps 09:00–12:00.',
      [weeklyField('friday', 0, 'end')]: 'Friday: the end must be after the start (12:00).',
    });
  });

  it('asks for a date, one entry per date, and hours for an open date', () => {
    const form = values();
    form.overrides.push(newOverride(), newOverride('2026-12-31'), { ...newOverride('2027-01-02'), closed: false });
    form.overrides[0].intervals[0] = { ...form.overrides[0].intervals[0], end: '08:00' };
    expect(validateAvailability(form)).toEqual({
      [overrideIntervalField(0, 0, 'end')]: '2026-12-24: the end must be after the start (09:00).',
      [overrideDateField(2)]: 'Enter the date whose hours change.',
      [overrideDateField(3)]: '2026-12-31 is listed twice: keep one.',
      [overrideDateField(4)]: '2027-01-02: add opening hours, or mark it closed.',
    });
  });

  it('checks the numbers against the API limits, the optional ones may stay empty', () => {
    const form: AvailabilityValues = { ...values(), bufferBeforeMinutes: '-5', bufferAfterMinutes: '1441', minimumNoticeMinutes: '1.5', horizonDays: '0', dailyLimit: '', stepMinutes: '2' };
    expect(Object.keys(validateAvailability(form)).sort()).toEqual(['bufferAfterMinutes', 'bufferBeforeMinutes', 'horizonDays', 'minimumNoticeMinutes', 'stepMinutes']);
    expect(validateAvailability({ ...values(), dailyLimit: '', stepMinutes: '' })).toEqual({});
  });
});

describe(availabilityFieldOf.name, () => {
  it('finds the weekday row the server numbered in the sent order', () => {
    const form = values();
    expect(availabilityFieldOf('weeklyRules[0].start', form)).toBe(weeklyField('monday', 0, 'start'));
    expect(availabilityFieldOf('weeklyRules[1].end', form)).toBe(weeklyField('monday', 1, 'end'));
    expect(availabilityFieldOf('weeklyRules[2].end', form)).toBe(weeklyField('sunday', 0, 'end'));
    expect(availabilityFieldOf('weeklyRules[3].end', form)).toBeUndefined();
  });

  it('maps dates, their intervals and the settings', () => {
    const form = values();
    expect(availabilityFieldOf('dateOverrides[1].date', form)).toBe(overrideDateField(1));
    expect(availabilityFieldOf('dateOverrides[0].intervals[0].start', form)).toBe(overrideIntervalField(0, 0, 'start'));
    expect(availabilityFieldOf('horizonDays', form)).toBe('horizonDays');
    expect(availabilityFieldOf('timeZone', form)).toBeUndefined();
  });
});

describe(liveHoursProblems.name, () => {
  it('shows overlaps and backwards hours while typing, not times still being typed', () => {
    const form = values();
    form.weekly.tuesday = [
      { key: 'a', start: '09:00', end: '12:00' },
      { key: 'b', start: '11:00', end: '13:00' },
      { key: 'c', start: '1', end: '' },
    ];
    form.weekly.friday = [{ key: 'f', start: '12:00', end: '09:00' }];
    expect(liveHoursProblems(form)).toEqual({
      [weeklyField('tuesday', 1, 'start')]: 'Tuesday: overlaps 09:00–12:00.',
      [weeklyField('friday', 0, 'end')]: 'Friday: the end must be after the start (12:00).',
    });
  });

  it('ignores the hours kept for a date marked closed', () => {
    const form = values();
    form.overrides[0] = { ...form.overrides[0], closed: true, intervals: [{ key: 'x', start: '10:00', end: '09:00' }] };
    expect(liveHoursProblems(form)).toEqual({});
    expect(validateAvailability(form)).toEqual({});
  });
});
