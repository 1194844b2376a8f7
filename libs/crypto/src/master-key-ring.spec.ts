import { createSecretKey, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { generateDataKey } from './data-key';
import { DecryptionErrorCode } from './errors';
import { MasterKeyRing } from './master-key-ring';
import { wrappedKeyId } from './wrapped-key';

const { WrongKey, UnknownKeyId, Corrupt, UnsupportedVersion } = DecryptionErrorCode;
const material = { k1: randomBytes(32), k2: randomBytes(32), other: randomBytes(32) };
const masterKey = (id: string, bytes: Buffer) => ({ id, key: createSecretKey(bytes) });
const context = 'attachment:9f0c3a52-5c3e-4e0b-9d47-2f7f1b0c6a11';

describe(MasterKeyRing.name, () => {
  const ringK1 = new MasterKeyRing([masterKey('k1', material.k1)]);

  it('unwraps what it wrapped to the same data key', () => {
    const dataKey = generateDataKey();
    const wrapped = ringK1.wrap(dataKey, context);
    expect(wrappedKeyId(wrapped)).toBe('k1');
    expect(wrapped.length).toBe(2 + 2 + 12 + 32 + 16);
    expect(ringK1.unwrap(wrapped, context).equals(dataKey)).toBe(true);
  });

  it('wraps the same data key differently every time', () => {
    const dataKey = generateDataKey();
    expect(ringK1.wrap(dataKey, context).equals(ringK1.wrap(dataKey, context))).toBe(false);
  });

  it('refuses a wrapped key moved to another object (WRONG_KEY)', () => {
    const wrapped = ringK1.wrap(generateDataKey(), context);
    expect(() => ringK1.unwrap(wrapped, 'attachment:00000000-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: WrongKey }));
    expect(() => ringK1.unwrap(wrapped, 'recording:9f0c3a52-5c3e-4e0b-9d47-2f7f1b0c6a11')).toThrow(expect.objectContaining({ code: WrongKey }));
  });

  it('refuses a wrapped key relabelled with another key id the ring holds (WRONG_KEY)', () => {
    const ring = new MasterKeyRing([masterKey('k2', material.k2), masterKey('k1', material.k1)]);
    const relabelled = Buffer.from(ring.wrap(generateDataKey(), context));
    relabelled.write('k1', 2, 'ascii');
    expect(wrappedKeyId(relabelled)).toBe('k1');
    expect(() => ring.unwrap(relabelled, context)).toThrow(expect.objectContaining({ code: WrongKey }));
  });

  it('answers UNKNOWN_KEY_ID for a key id the ring does not hold', () => {
    const wrapped = Buffer.from(ringK1.wrap(generateDataKey(), context));
    wrapped.write('k9', 2, 'ascii');
    expect(() => ringK1.unwrap(wrapped, context)).toThrow(expect.objectContaining({ code: UnknownKeyId, message: expect.stringContaining('k9') }));
  });

  it('answers WRONG_KEY when the key id is right but its key material is not', () => {
    const wrapped = ringK1.wrap(generateDataKey(), context);
    const impostor = new MasterKeyRing([masterKey('k1', material.other)]);
    expect(() => impostor.unwrap(wrapped, context)).toThrow(expect.objectContaining({ code: WrongKey }));
  });

  it.each([
    ['the IV', 5],
    ['the encrypted key', 30],
    ['the tag', 2 + 2 + 12 + 32 + 15],
  ])('refuses a wrapped key with a bit flipped in %s', (_part, offset) => {
    const wrapped = ringK1.wrap(generateDataKey(), context);
    wrapped[offset] ^= 1;
    expect(() => ringK1.unwrap(wrapped, context)).toThrow(expect.objectContaining({ code: WrongKey }));
  });

  it('answers CORRUPT for a malformed wrapped key and UNSUPPORTED_VERSION for a newer one', () => {
    const wrapped = ringK1.wrap(generateDataKey(), context);
    expect(() => ringK1.unwrap(wrapped.subarray(0, wrapped.length - 1), context)).toThrow(expect.objectContaining({ code: Corrupt }));
    expect(() => ringK1.unwrap(Buffer.concat([wrapped, Buffer.from([0])]), context)).toThrow(expect.objectContaining({ code: Corrupt }));
    expect(() => ringK1.unwrap(Buffer.alloc(0), context)).toThrow(expect.objectContaining({ code: Corrupt }));
    const newer = Buffer.from(wrapped);
    newer[0] = 2;
    expect(() => ringK1.unwrap(newer, context)).toThrow(expect.objectContaining({ code: UnsupportedVersion }));
  });

  it('demands a context', () => {
    const dataKey = generateDataKey();
    expect(() => ringK1.wrap(dataKey, '')).toThrow(TypeError);
    expect(() => ringK1.unwrap(ringK1.wrap(dataKey, context), '')).toThrow(TypeError);
  });

  it('wraps only 256-bit data keys', () => {
    expect(() => ringK1.wrap(createSecretKey(randomBytes(16)), context)).toThrow(TypeError);
  });

  describe('rotation', () => {
    const dataKey = generateDataKey();
    const underK1 = ringK1.wrap(dataKey, context);
    const rotated = new MasterKeyRing([masterKey('k2', material.k2), masterKey('k1', material.k1)]);

    it('still unwraps keys wrapped under the old key, and wraps new ones under the current key', () => {
      expect(rotated.currentKeyId).toBe('k2');
      expect(rotated.unwrap(underK1, context).equals(dataKey)).toBe(true);
      expect(wrappedKeyId(rotated.wrap(generateDataKey(), context))).toBe('k2');
    });

    it('rewraps a key under the current key without changing the data key', () => {
      expect(rotated.isWrappedWithCurrentKey(underK1)).toBe(false);
      const underK2 = rotated.rewrap(underK1, context);
      expect(wrappedKeyId(underK2)).toBe('k2');
      expect(rotated.isWrappedWithCurrentKey(underK2)).toBe(true);
      const retired = new MasterKeyRing([masterKey('k2', material.k2)]);
      expect(retired.unwrap(underK2, context).equals(dataKey)).toBe(true);
      expect(() => retired.unwrap(underK1, context)).toThrow(expect.objectContaining({ code: UnknownKeyId }));
    });

    it('refuses to rewrap under the wrong context', () => {
      expect(() => rotated.rewrap(underK1, 'attachment:other')).toThrow(expect.objectContaining({ code: WrongKey }));
    });
  });

  it('shows key ids and never key material when printed or serialized', () => {
    const ring = new MasterKeyRing([masterKey('k2', material.k2), masterKey('k1', material.k1)]);
    const shown = [inspect(ring, { depth: 10, showHidden: true }), JSON.stringify(ring), inspect(ring.unwrap(ring.wrap(generateDataKey(), context), context))].join('\n');
    expect(JSON.parse(JSON.stringify(ring))).toEqual({ currentKeyId: 'k2', keyIds: ['k2', 'k1'] });
    for (const bytes of Object.values(material)) {
      expect(shown).not.toContain(bytes.toString('base64'));
      expect(shown).not.toContain(bytes.toString('hex'));
    }
  });
});
