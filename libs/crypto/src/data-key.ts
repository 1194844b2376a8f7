import { KeyObject, generateKeySync } from 'node:crypto';

/**
 * Keys travel as KeyObjects rather than Buffers so that logging, inspecting or serializing
 * one by mistake shows `SecretKeyObject { type: 'secret' }`, never the key bytes.
 */
export type DataKey = KeyObject;

export const DATA_KEY_BYTES = 32;

/** A fresh random 256-bit key for one file, recording or conversation. */
export function generateDataKey(): DataKey {
  return generateKeySync('aes', { length: DATA_KEY_BYTES * 8 });
}

export function assertDataKey(key: unknown): asserts key is DataKey {
  if (!(key instanceof KeyObject) || key.type !== 'secret' || key.symmetricKeySize !== DATA_KEY_BYTES) {
    throw new TypeError(`A data key must be a ${DATA_KEY_BYTES * 8}-bit secret KeyObject.`);
  }
}
