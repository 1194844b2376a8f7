import { randomBytes } from 'node:crypto';
import { hashRecoveryCode, matchingTimeStep, newRecoveryCodes, totpFor } from './totp';

describe('TOTP', () => {
  const secret = randomBytes(32);
  const totp = totpFor(secret, 'maria@example.test');
  const now = Date.UTC(2026, 10, 23, 12, 0, 15);

  it('accepts the current code and its neighbours, and names the time step used', () => {
    const step = Math.floor(now / 30_000);
    expect(matchingTimeStep(totp, totp.generate({ timestamp: now }), now)).toBe(step);
    expect(matchingTimeStep(totp, totp.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1);
    expect(matchingTimeStep(totp, totp.generate({ timestamp: now + 30_000 }), now)).toBe(step + 1);
  });

  it('refuses codes from further away or for another secret', () => {
    expect(matchingTimeStep(totp, totp.generate({ timestamp: now - 120_000 }), now)).toBeNull();
    expect(matchingTimeStep(totpFor(randomBytes(32), 'x'), totp.generate({ timestamp: now }), now)).toBeNull();
  });

  it('builds an otpauth URI an authenticator app can read', () => {
    expect(totp.toString()).toMatch(/^otpauth:\/\/totp\/Vetmeet:maria%40example\.test\?issuer=Vetmeet&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/);
  });
});

describe('recovery codes', () => {
  it('are ten distinct, readable codes whose hashes ignore case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(` ${codes[0].toUpperCase().replace('-', ' ')} `)).toEqual(hashRecoveryCode(codes[0]));
  });
});
