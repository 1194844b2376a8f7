import { countdownPhrase, formatCountdown, paymentSettled, POLL_MAX_ATTEMPTS, POLL_MAX_DELAY_MS, pollDelay, secondsLeft } from './countdown';

describe(secondsLeft.name, () => {
  const until = '2026-11-23T18:10:00.000Z';

  it('counts whole seconds up to the instant, rounding a part second up', () => {
    expect(secondsLeft(until, Date.parse('2026-11-23T18:00:00.000Z'))).toBe(600);
    expect(secondsLeft(until, Date.parse('2026-11-23T18:09:59.500Z'))).toBe(1);
  });

  it('is zero at the instant and after it', () => {
    expect(secondsLeft(until, Date.parse(until))).toBe(0);
    expect(secondsLeft(until, Date.parse(until) + 60_000)).toBe(0);
  });
});

describe(formatCountdown.name, () => {
  it('shows minutes and seconds, and hours only when there are some', () => {
    expect(formatCountdown(545)).toBe('9:05');
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(3723)).toBe('1:02:03');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe(countdownPhrase.name, () => {
  it('rounds to whole minutes for a screen reader', () => {
    expect(countdownPhrase(545)).toBe('about 10 minutes');
    expect(countdownPhrase(60)).toBe('about 1 minute');
    expect(countdownPhrase(30)).toBe('less than a minute');
    expect(countdownPhrase(0)).toBe('no time');
  });
});

describe(pollDelay.name, () => {
  it('asks soon at first, then less often, never more than the cap apart', () => {
    const delays = Array.from({ length: POLL_MAX_ATTEMPTS }, (_, attempt) => pollDelay(attempt)!);
    expect(delays[0]).toBe(1000);
    expect(delays[1]).toBe(1500);
    for (let index = 1; index < delays.length; index += 1) expect(delays[index]).toBeGreaterThanOrEqual(delays[index - 1]);
    expect(Math.max(...delays)).toBe(POLL_MAX_DELAY_MS);
  });

  it('stops after a bounded number of questions, within about two minutes', () => {
    expect(pollDelay(POLL_MAX_ATTEMPTS)).toBeNull();
    const total = Array.from({ length: POLL_MAX_ATTEMPTS }, (_, attempt) => pollDelay(attempt)!).reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThan(150_000);
  });
});

describe(paymentSettled.name, () => {
  it('waits only while the booking is held', () => {
    expect(paymentSettled('held')).toBe(false);
    expect(paymentSettled('pending_acceptance')).toBe(true);
    expect(paymentSettled('confirmed')).toBe(true);
    expect(paymentSettled('expired')).toBe(true);
  });
});
