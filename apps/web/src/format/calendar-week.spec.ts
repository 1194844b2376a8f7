import { addDays, calendarDateIn, formatDayHeading, formatWeekLabel, groupByDay, weekRange, weekStartOf, weekToShow } from './calendar-week';

describe(calendarDateIn.name, () => {
  it('is the date on the zone’s calendar, not the machine’s', () => {
    const instant = Date.parse('2026-11-22T23:30:00Z');
    expect(calendarDateIn(instant, 'Europe/Kyiv')).toBe('2026-11-23');
    expect(calendarDateIn(instant, 'America/New_York')).toBe('2026-11-22');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-11-22');
  });
});

describe(weekStartOf.name, () => {
  it('is the Monday of the week, Sunday belonging to the week before', () => {
    expect(weekStartOf('2026-11-23')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-26')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
  });

  it('crosses months and years', () => {
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
    expect(weekStartOf('2026-03-01')).toBe('2026-02-23');
  });

  it('refuses what is not a date', () => {
    expect(() => weekStartOf('2026-02-30')).toThrow(RangeError);
  });
});

describe(weekRange.name, () => {
  it('runs Monday to the next Monday, exclusive, seven days even across a clock change', () => {
    // Clocks in Europe go back on 25 October 2026.
    const week = weekRange('2026-10-22');
    expect(week.from).toBe('2026-10-19');
    expect(week.to).toBe('2026-10-26');
    expect(week.days).toEqual(['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25']);
  });
});

describe(weekToShow.name, () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('is the current week in the zone when none is asked for or the ask is malformed', () => {
    expect(weekToShow(null, 'Europe/Kyiv', now).from).toBe('2026-11-23');
    expect(weekToShow('next week', 'Europe/Kyiv', now).from).toBe('2026-11-23');
  });

  it('follows the zone where its Sunday night is already Monday', () => {
    const sundayNightUtc = Date.parse('2026-11-29T22:30:00Z');
    expect(weekToShow(null, 'UTC', sundayNightUtc).from).toBe('2026-11-23');
    expect(weekToShow(null, 'Asia/Tokyo', sundayNightUtc).from).toBe('2026-11-30');
  });

  it('shows a later week asked for, but never a past one', () => {
    expect(weekToShow('2026-12-10', 'Europe/Kyiv', now).from).toBe('2026-12-07');
    expect(weekToShow('2026-11-01', 'Europe/Kyiv', now).from).toBe('2026-11-23');
  });
});

describe(formatWeekLabel.name, () => {
  it('names the first and last day, sharing the month and year when it can', () => {
    expect(formatWeekLabel(weekRange('2026-11-23'))).toBe('23–29 November 2026');
    expect(formatWeekLabel(weekRange('2026-12-01'))).toBe('30 November – 6 December 2026');
    expect(formatWeekLabel(weekRange('2026-12-30'))).toBe('28 December 2026 – 3 January 2027');
  });
});

describe(formatDayHeading.name, () => {
  it('names the weekday, day and month', () => {
    expect(formatDayHeading('2026-11-23')).toBe('Monday 23 November');
  });
});

describe(groupByDay.name, () => {
  it('puts each item under its day, keeps the days in order and drops items of other weeks', () => {
    const days = weekRange('2026-11-23').days;
    const groups = groupByDay([{ date: '2026-11-24', id: 'a' }, { date: '2026-11-24', id: 'b' }, { date: '2026-11-29', id: 'c' }, { date: '2026-12-01', id: 'd' }], days);
    expect([...groups.keys()]).toEqual(days);
    expect(groups.get('2026-11-24')?.map((item) => item.id)).toEqual(['a', 'b']);
    expect(groups.get('2026-11-29')?.map((item) => item.id)).toEqual(['c']);
    expect(groups.get('2026-11-23')).toEqual([]);
  });
});

describe(addDays.name, () => {
  it('moves by calendar days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
