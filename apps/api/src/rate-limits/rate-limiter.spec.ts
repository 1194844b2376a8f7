import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { RateLimitKeys } from './rate-limit-keys';
import type { RateLimitStore } from './rate-limit-store';
import { RateLimiter } from './rate-limiter';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

/** What a take() threw, or undefined if it passed. */
async function refusal(attempt: Promise<void>): Promise<AppError | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe(RateLimiter.name, () => {
  let now: number;
  let limiter: RateLimiter;
  beforeEach(() => {
    now = 0;
    const store = new MemoryRateLimitStore(() => now);
    limiter = new RateLimiter({ name: 'test', limit: 3, windowMs: 60_000 }, store, new RateLimitKeys(SECRET));
  });

  it('allows the limit per window and key, then refuses with the seconds to wait', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await limiter.take('1.2.3.4');
    const refused = await refusal(limiter.take('1.2.3.4'));
    expect(refused).toMatchObject({
      code: ErrorCode.RateLimited,
      retryAfterSeconds: 60,
      details: ['retryAfterSeconds: 60'],
    });
    expect(await refusal(limiter.take('5.6.7.8'))).toBeUndefined();
    now = 59_001;
    const almostOver = await refusal(limiter.take('1.2.3.4'));
    expect(almostOver).toMatchObject({ retryAfterSeconds: 1, message: expect.stringContaining('1 seconds') });
    now = 60_000;
    expect(await refusal(limiter.take('1.2.3.4'))).toBeUndefined();
  });

  it('forgets a key on reset', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await limiter.take('user');
    await limiter.reset('user');
    expect(await refusal(limiter.take('user'))).toBeUndefined();
  });

  it('never hands the store a key in clear, and MACs it per limiter and secret', async () => {
    const seen: Buffer[] = [];
    const spy: RateLimitStore = {
      hit: (_name, key) => {
        seen.push(key);
        return Promise.resolve({ hits: 1, resetsInMs: 1000 });
      },
      forget: () => Promise.resolve(),
    };
    const spec = { limit: 1, windowMs: 1000 };
    await new RateLimiter({ name: 'a', ...spec }, spy, new RateLimitKeys(SECRET)).take('owner@example.test');
    await new RateLimiter({ name: 'b', ...spec }, spy, new RateLimitKeys(SECRET)).take('owner@example.test');
    await new RateLimiter({ name: 'a', ...spec }, spy, new RateLimitKeys(`${SECRET}-other`)).take('owner@example.test');
    await new RateLimiter({ name: 'a', ...spec }, spy, new RateLimitKeys(SECRET)).take('owner@example.test');
    expect(seen.map((key) => key.toString('latin1')).join()).not.toContain('owner');
    expect(seen[0].equals(seen[1])).toBe(false);
    expect(seen[0].equals(seen[2])).toBe(false);
    expect(seen[0].equals(seen[3])).toBe(true);
  });
});
