import { joinWindowMessage, joinWindowOf, positionIn } from './join-window';

const at = (iso: string) => new Date(iso);

describe(joinWindowOf.name, () => {
  const window = joinWindowOf({ startsAt: at('2026-11-23T10:00:00Z'), endsAt: at('2026-11-23T10:30:00Z') }, { opensMinutes: 15, closesMinutes: 30 });

  it('opens the configured minutes before the start and closes the configured minutes after the end', () => {
    expect(window).toEqual({ opensAt: at('2026-11-23T09:45:00Z'), closesAt: at('2026-11-23T11:00:00Z') });
  });

  it('is open from its opening (inclusive) to its closing (exclusive)', () => {
    expect(positionIn(window, at('2026-11-23T09:44:59.999Z'))).toBe('before');
    expect(positionIn(window, at('2026-11-23T09:45:00Z'))).toBe('open');
    expect(positionIn(window, at('2026-11-23T10:59:59.999Z'))).toBe('open');
    expect(positionIn(window, at('2026-11-23T11:00:00Z'))).toBe('after');
  });

  it('can be exactly the scheduled times', () => {
    const tight = joinWindowOf({ startsAt: at('2026-11-23T10:00:00Z'), endsAt: at('2026-11-23T10:05:00Z') }, { opensMinutes: 0, closesMinutes: 0 });
    expect(positionIn(tight, at('2026-11-23T09:59:59Z'))).toBe('before');
    expect(positionIn(tight, at('2026-11-23T10:00:00Z'))).toBe('open');
    expect(positionIn(tight, at('2026-11-23T10:05:00Z'))).toBe('after');
  });

  it('says when the room opens, rounding the wait up to whole minutes, or when it closed', () => {
    expect(joinWindowMessage(window, 'before', at('2026-11-23T09:00:30Z'))).toBe('This consultation room opens at 2026-11-23T09:45:00.000Z, in 45 minutes.');
    expect(joinWindowMessage(window, 'before', at('2026-11-23T09:44:30Z'))).toBe('This consultation room opens at 2026-11-23T09:45:00.000Z, in 1 minute.');
    expect(joinWindowMessage(window, 'after', at('2026-11-23T12:00:00Z'))).toBe('This consultation room closed at 2026-11-23T11:00:00.000Z.');
  });
});
