import { ErrorCode } from '@vetmeet/contracts/client';
import { sentenceFor } from '../api/error-messages';
import type { CallEndReason } from './call-state';
import { endSentences, explainRoomError, formatCallDuration } from './room-errors';

describe(explainRoomError.name, () => {
  const explain = (code: string, message = 'The server said so.') => explainRoomError({ code, message });

  it('explains why the room would not let the person in, in words about the room', () => {
    expect(explain(ErrorCode.JoinWindowClosed)).toBe('The room is not open now. It opens a little before the consultation starts and closes a little after it ends.');
    expect(explain(ErrorCode.RoomLocked)).toBe('The vet has locked the room, so nobody new can join. Ask them to unlock it.');
    expect(explain(ErrorCode.ConsultationClosed)).toBe('This consultation has ended or was cancelled, so its room is closed.');
    expect(explain(ErrorCode.NotAdmitted)).toBe('The vet has not let you in yet.');
  });

  it('prefers the room’s sentence where the app has a general one', () => {
    for (const code of [ErrorCode.NotFound, ErrorCode.Unauthenticated, ErrorCode.MediaUnavailable, ErrorCode.ServiceUnavailable]) {
      expect(sentenceFor(code)).toBeDefined();
      expect(explain(code)).not.toBe(sentenceFor(code));
    }
    expect(explain(ErrorCode.Unauthenticated)).toBe('You are signed out. Sign in again to join the room.');
  });

  it('does not tell a malformed address from someone else’s consultation', () => {
    expect(explain(ErrorCode.ValidationFailed)).toBe(explain(ErrorCode.NotFound));
    expect(explain(ErrorCode.NotFound)).toBe('There is no consultation of yours at this address.');
  });

  it('falls back to the app’s usual sentence for other codes, then to the server’s own words', () => {
    expect(explain(ErrorCode.RateLimited)).toBe(sentenceFor(ErrorCode.RateLimited));
    expect(explain(ErrorCode.Internal)).toBe('Something went wrong on our side. Please try again.');
    expect(explain('SOMETHING_NEW_ON_THE_SERVER', 'The server has a new reason.')).toBe('The server has a new reason.');
  });
});

describe('endSentences', () => {
  it('says why the call ended for every way it can end', () => {
    const reasons: CallEndReason[] = ['left', 'ended', 'window_closed', 'joined_elsewhere', 'cancelled'];
    for (const reason of reasons) expect(endSentences[reason]).toMatch(/^[A-Z].*\.$/);
    expect(new Set(reasons.map((reason) => endSentences[reason])).size).toBe(reasons.length);
  });
});

describe(formatCallDuration.name, () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [59_400, '59 s'],
    [59_600, '1 min 0 s'],
    [725_000, '12 min 5 s'],
    [3_599_000, '59 min 59 s'],
    [3_600_000, '1 h 0 min'],
    [3_725_000, '1 h 2 min'],
    [26 * 3_600_000, '26 h 0 min'],
  ])('shows %i ms as "%s"', (milliseconds, text) => {
    expect(formatCallDuration(milliseconds)).toBe(text);
  });

  it('never shows a negative duration (clocks that moved back)', () => {
    expect(formatCallDuration(-5_000)).toBe('0 s');
  });
});
