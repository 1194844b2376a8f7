import { ErrorCode } from '@vetmeet/contracts';
import { RateLimiter } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('allows the limit per window and key, then refuses with the time to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let attempt = 0; attempt < 3; attempt += 1) limiter.take('1.2.3.4');
    expect(() => limiter.take('1.2.3.4')).toThrow(expect.objectContaining({ code: ErrorCode.RateLimited }));
    expect(() => limiter.take('5.6.7.8')).not.toThrow();
    now = 59_000;
    expect(() => limiter.take('1.2.3.4')).toThrow(expect.objectContaining({ message: expect.stringContaining('1 seconds') }));
    now = 60_000;
    expect(() => limiter.take('1.2.3.4')).not.toThrow();
  });

  it('forgets a key on reset', () => {
    const limiter = new RateLimiter(1, 60_000, () => 0);
    limiter.take('user');
    limiter.reset('user');
    expect(() => limiter.take('user')).not.toThrow();
  });
});
