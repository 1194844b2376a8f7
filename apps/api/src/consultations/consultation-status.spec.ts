import { CONSULTATION_STATUSES } from '@vetmeet/contracts';
import { isCancellable, isClosed, roomTransition } from './consultation-status';

describe(roomTransition.name, () => {
  it.each([
    ['scheduled', 'waiting', 'apply'],
    ['waiting', 'waiting', 'same'],
    ['scheduled', 'in_progress', 'apply'],
    ['waiting', 'in_progress', 'apply'],
    ['in_progress', 'in_progress', 'same'],
    ['scheduled', 'ended', 'apply'],
    ['waiting', 'ended', 'apply'],
    ['in_progress', 'ended', 'apply'],
    ['ended', 'ended', 'same'],
    ['in_progress', 'waiting', 'illegal'],
    ['ended', 'waiting', 'illegal'],
    ['ended', 'in_progress', 'illegal'],
    ['cancelled', 'waiting', 'illegal'],
    ['cancelled', 'in_progress', 'illegal'],
    ['cancelled', 'ended', 'illegal'],
    ['no_show', 'in_progress', 'illegal'],
    ['no_show', 'ended', 'illegal'],
  ] as const)('%s → %s: %s', (from, to, outcome) => {
    expect(roomTransition(from, to)).toBe(outcome);
  });

  it('never reopens a closed consultation', () => {
    for (const from of CONSULTATION_STATUSES.filter(isClosed)) {
      expect(roomTransition(from, 'waiting')).toBe('illegal');
      expect(roomTransition(from, 'in_progress')).toBe('illegal');
    }
  });

  it('cancels only what has not started', () => {
    expect(CONSULTATION_STATUSES.filter(isCancellable)).toEqual(['scheduled', 'waiting']);
    expect(CONSULTATION_STATUSES.filter(isClosed)).toEqual(['ended', 'cancelled', 'no_show', 'declined', 'expired']);
  });
});
