import { randomBytes } from 'node:crypto';
import { MasterKeyConfigError } from './errors';
import { parseMasterKeys } from './master-key-config';
import { MasterKeyRing } from './master-key-ring';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

describe(parseMasterKeys.name, () => {
  it('reads the current key first and older keys after it', () => {
    const keys = parseMasterKeys(`k2:${k2},k1:${k1}`);
    expect(keys.map((key) => key.id)).toEqual(['k2', 'k1']);
    expect(keys[0].key.export().toString('base64')).toBe(k2);
    expect(MasterKeyRing.fromConfig(`k2:${k2},k1:${k1}`).currentKeyId).toBe('k2');
  });

  it('accepts spaces around entries and keys without padding', () => {
    const keys = parseMasterKeys(` 2025-06_a : ${k2.replace(/=+$/, '')} ,\n k1:${k1} `);
    expect(keys.map((key) => key.id)).toEqual(['2025-06_a', 'k1']);
  });

  const bad: [string, string, RegExp][] = [
    ['an empty string', '', /No master key given/],
    ['only spaces', '   ', /No master key given/],
    ['a trailing comma', `k1:${k1},`, /entry 2 is empty/],
    ['an entry without a colon', `k2:${k2},${k1}`, /entry 2 is not "<id>:<base64>"/],
    ['an empty key id', `:${k1}`, /entry 1 has an invalid key id/],
    ['a key id with a space', `k 1:${k1}`, /entry 1 has an invalid key id/],
    ['a key id longer than 32 characters', `${'k'.repeat(33)}:${k1}`, /entry 1 has an invalid key id/],
    ['a key that is not base64', `k1:${k1.slice(0, 20)}!${k1.slice(21)}`, /k1 is not standard base64/],
    ['a url-safe base64 key', `k1:${'-'.repeat(43)}=`, /k1 is not standard base64/],
    ['an empty key', 'k1:', /k1 is not standard base64/],
    ['a 16-byte key', `k1:${randomBytes(16).toString('base64')}`, /k1 must be 32 random bytes \(got 16 bytes\)/],
    ['a 48-byte key', `k1:${randomBytes(48).toString('base64')}`, /k1 must be 32 random bytes \(got 48 bytes\)/],
    ['a duplicate key id', `k1:${k1},k1:${k2}`, /id k1 appears twice/],
    ['the same key under two ids', `k2:${k1},k1:${k1}`, /k1 and k1|k2 and k1 are the same key/],
  ];

  it.each(bad)('refuses %s with a clear message', (_case, config, message) => {
    expect(() => MasterKeyRing.fromConfig(config)).toThrow(MasterKeyConfigError);
    expect(() => MasterKeyRing.fromConfig(config)).toThrow(message);
  });

  it.each(bad)('never repeats key material when refusing %s', (_case, config) => {
    const error = captureError(() => MasterKeyRing.fromConfig(config));
    for (const key of [k1, k2, k1.slice(0, 12), k2.slice(0, 12)]) expect(error.message).not.toContain(key);
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
