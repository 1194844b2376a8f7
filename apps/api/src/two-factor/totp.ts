import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

const ISSUER = 'Vetmeet';
/** One step either side: phones whose clocks drift by up to 30 s still work. */
const WINDOW = 1;

/** The RFC 6238 parameters every authenticator app supports. */
export function totpFor(secret: Buffer, accountLabel: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: accountLabel,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: new OTPAuth.Secret({ buffer: Uint8Array.from(secret).buffer }),
  });
}

/** The time step a code belongs to, or null when it matches none in the window. */
export function matchingTimeStep(totp: OTPAuth.TOTP, code: string, now = Date.now()): number | null {
  const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / totp.period) + delta;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use codes like "k7m2p-9xq4r": 50 bits each, easy to type, no look-alike characters. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const characters = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

export function hashRecoveryCode(code: string): Buffer {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/[\s-]/g, '')).digest();
}
