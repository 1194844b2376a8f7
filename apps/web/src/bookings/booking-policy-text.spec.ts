import { bookingPolicySentence } from './booking-policy-text';

describe('bookingPolicySentence', () => {
  it('states the refund notice and the hold from the server’s settings', () => {
    expect(bookingPolicySentence({ fullRefundNoticeHours: 24, holdMinutes: 15 }, 4500)).toBe(
      'Full refund if you cancel at least 24 hours before the start; no refund after that. When you book, the time is held for 15 minutes while you pay.',
    );
    expect(bookingPolicySentence({ fullRefundNoticeHours: 1, holdMinutes: 1 }, 4500)).toMatch(/at least 1 hour before .* held for 1 minute while/);
    expect(bookingPolicySentence({ fullRefundNoticeHours: 48, holdMinutes: 10 }, 4500)).toMatch(/at least 2 days before/);
  });

  it('has nothing to say about money for a free consultation', () => {
    expect(bookingPolicySentence({ fullRefundNoticeHours: 24, holdMinutes: 15 }, 0)).toBe('This consultation is free: there is nothing to pay or refund.');
  });
});
