import { DecryptionError, DecryptionErrorCode } from './errors';

/**
 * A wrapped data key is stored beside its object (a bytea column) and must say which master
 * key wrapped it, so a ring holding several keys can pick the right one and a rotation job
 * can find the ones still under an old key. The leading bytes (version, key id) are also
 * the start of the AAD, so editing the key id breaks the tag.
 *
 *   version (1) | key id length n (1) | key id (n, ASCII) | IV (12) | encrypted key (32) | tag (16)
 */
export const WRAPPED_KEY_VERSION = 1;
export const WRAP_IV_LENGTH = 12;
export const WRAP_TAG_LENGTH = 16;
const ENCRYPTED_KEY_LENGTH = 32;

export interface WrappedKeyParts {
  /** Version, key id length and key id: bound into the AAD. */
  readonly prefix: Buffer;
  readonly keyId: string;
  readonly iv: Buffer;
  readonly encryptedKey: Buffer;
  readonly tag: Buffer;
}

export function wrappedKeyPrefix(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  return Buffer.concat([Buffer.from([WRAPPED_KEY_VERSION, id.length]), id]);
}

export function encodeWrappedKey(prefix: Buffer, iv: Buffer, encryptedKey: Buffer, tag: Buffer): Buffer {
  return Buffer.concat([prefix, iv, encryptedKey, tag]);
}

export function decodeWrappedKey(wrapped: Uint8Array): WrappedKeyParts {
  const bytes = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
  if (bytes.length < 2) throw corrupt();
  if (bytes[0] !== WRAPPED_KEY_VERSION) {
    throw new DecryptionError(DecryptionErrorCode.UnsupportedVersion, `Wrapped key format version ${bytes[0]} is not supported.`);
  }
  const idLength = bytes[1];
  const prefixLength = 2 + idLength;
  if (idLength === 0 || bytes.length !== prefixLength + WRAP_IV_LENGTH + ENCRYPTED_KEY_LENGTH + WRAP_TAG_LENGTH) throw corrupt();
  let offset = prefixLength;
  const take = (length: number): Buffer => bytes.subarray(offset, (offset += length));
  return {
    prefix: bytes.subarray(0, prefixLength),
    keyId: bytes.toString('ascii', 2, prefixLength),
    iv: take(WRAP_IV_LENGTH),
    encryptedKey: take(ENCRYPTED_KEY_LENGTH),
    tag: take(WRAP_TAG_LENGTH),
  };
}

/** The id of the master key that wrapped this key, without unwrapping it (for rotation jobs). */
export function wrappedKeyId(wrapped: Uint8Array): string {
  return decodeWrappedKey(wrapped).keyId;
}

function corrupt(): DecryptionError {
  return new DecryptionError(DecryptionErrorCode.Corrupt, 'The wrapped data key is malformed.');
}
