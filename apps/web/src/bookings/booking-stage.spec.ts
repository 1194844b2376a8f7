import type { BookingView } from '@vetmeet/contracts/client';
import { actualCallTimes, callOutcomeText, callStageLabel, consultationOver } from './booking-stage';

const booked = { startsAt: '2026-11-25T10:00:00.000Z', status: 'confirmed' as const };
type CallStatus = NonNullable<BookingView['consultation']>['status'];
const call = (status: CallStatus, startedAt: string | null, endedAt: string | null) => ({
  ...booked,
  consultation: { status, startedAt, endedAt },
});

describe('a booking by what became of its call', () => {
  it('shows when the call really took place, in the viewer’s zone, beside the booked time', () => {
    const done = call('ended', '2026-11-25T10:03:00.000Z', '2026-11-25T10:27:00.000Z');
    expect(actualCallTimes(done, 'UTC')).toBe('10:03–10:27');
    expect(actualCallTimes(done, 'Europe/Kyiv')).toBe('12:03–12:27');
    expect(callOutcomeText(done, 'UTC')).toBe('took place 10:03–10:27');
    expect(callStageLabel(done)).toBe('Took place');
    expect(consultationOver(done)).toBe(true);
  });

  it('names the dates when the call ran on another day than the one booked', () => {
    const late = call('ended', '2026-11-25T23:50:00.000Z', '2026-11-26T00:20:00.000Z');
    expect(actualCallTimes(late, 'UTC')).toBe('Wed, 25 Nov 2026, 23:50 – Thu, 26 Nov 2026, 00:20');
  });

  it('says a running call is under way, and one ended before anyone was admitted never began', () => {
    const running = call('in_progress', '2026-11-25T09:55:00.000Z', null);
    expect(callOutcomeText(running, 'UTC')).toBe('under way since 09:55');
    expect(callStageLabel(running)).toBe('In progress');
    expect(consultationOver(running)).toBe(false);
    const unstarted = call('ended', null, '2026-11-25T10:05:00.000Z');
    expect(callOutcomeText(unstarted, 'UTC')).toBe('ended before the call began');
    expect(callStageLabel(unstarted)).toBe('Ended');
  });

  it('says nothing before the call, or without a consultation', () => {
    expect(callOutcomeText(call('scheduled', null, null), 'UTC')).toBeNull();
    expect(callStageLabel(call('scheduled', null, null))).toBeNull();
    expect(callOutcomeText({ ...booked, consultation: null }, 'UTC')).toBeNull();
    expect(consultationOver({ consultation: null })).toBe(false);
  });
});
