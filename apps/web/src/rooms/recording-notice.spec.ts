import { recordingNoticeOf } from './recording-notice';

describe(recordingNoticeOf.name, () => {
  it('says what changed and why, and nothing before recording ever started', () => {
    expect(recordingNoticeOf({ status: 'stopped', reason: 'consent_withdrawn', since: '2026-12-07T21:00:00.000Z' })).toBe(
      'Recording stopped: consent was withdrawn.',
    );
    expect(recordingNoticeOf({ status: 'paused', reason: 'joined_without_consent', since: '2026-12-07T21:00:00.000Z' })).toContain('paused');
    expect(recordingNoticeOf({ status: 'off', reason: null, since: null })).toBeNull();
  });
});
