import { MAX_REMINDER_MINUTES, parseReminderOffsets } from './reminder-offsets';

describe(parseReminderOffsets.name, () => {
  it('reads the default, 24 hours and 15 minutes before the start', () => {
    expect(parseReminderOffsets('1440,15')).toEqual([1440, 15]);
  });

  it('orders the offsets largest first and tolerates spaces', () => {
    expect(parseReminderOffsets(' 15 , 60,1440 ')).toEqual([1440, 60, 15]);
    expect(parseReminderOffsets('30')).toEqual([30]);
  });

  it.each([
    ['an empty value', ''],
    ['a trailing comma', '1440,'],
    ['a negative offset', '-15'],
    ['zero', '0'],
    ['a fraction', '7.5'],
    ['a unit', '15m'],
    ['a repeat', '15,15'],
    ['more than a week', String(MAX_REMINDER_MINUTES + 1)],
    ['more than five offsets', '1,2,3,4,5,6'],
    ['a huge number', '99999999999999999999'],
  ])('refuses %s', (_name, value) => {
    expect(parseReminderOffsets(value)).toBeUndefined();
  });

  it('accepts the bounds', () => {
    expect(parseReminderOffsets(`1,${MAX_REMINDER_MINUTES}`)).toEqual([MAX_REMINDER_MINUTES, 1]);
  });
});
