import { KeyObject, createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { DataKey, assertDataKey } from './data-key';
import { DecryptionError, DecryptionErrorCode, MasterKeyConfigError } from './errors';
import { MAX_KEY_ID_LENGTH, MasterKey, isKeyId, parseMasterKeys } from './master-key-config';
import { WRAP_IV_LENGTH, WRAP_TAG_LENGTH, decodeWrappedKey, encodeWrappedKey, wrappedKeyId, wrappedKeyPrefix } from './wrapped-key';

const MASTER_KEY_BYTES = 32;

/**
 * Master keys only ever wrap data keys, so rotating one means re-wrapping 62-byte blobs,
 * never re-encrypting gigabytes of recordings. The ring wraps with its current key and
 * still unwraps with older ones until every wrapped key has been moved (`rewrap`).
 * The AAD binds the key id and the caller's context (`attachment:<uuid>`), so a wrapped
 * key copied onto another object, or relabelled with another key id, does not open.
 */
export class MasterKeyRing {
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly currentKeyId: string;

  /** The first key is current: it wraps. The others only unwrap. */
  constructor(keys: readonly MasterKey[]) {
    this.#keys = checkedKeys(keys);
    this.currentKeyId = keys[0].id;
  }

  /** From the config string `k2:BASE64,k1:BASE64` (current first). */
  static fromConfig(config: string): MasterKeyRing {
    return new MasterKeyRing(parseMasterKeys(config));
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  wrap(dataKey: DataKey, context: string): Buffer {
    assertDataKey(dataKey);
    const prefix = wrappedKeyPrefix(this.currentKeyId);
    const iv = randomBytes(WRAP_IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey(this.currentKeyId), iv, { authTagLength: WRAP_TAG_LENGTH });
    cipher.setAAD(additionalData(prefix, context));
    const keyBytes = dataKey.export();
    try {
      const encryptedKey = Buffer.concat([cipher.update(keyBytes), cipher.final()]);
      return encodeWrappedKey(prefix, iv, encryptedKey, cipher.getAuthTag());
    } finally {
      keyBytes.fill(0);
    }
  }

  /** Throws DecryptionError: UNKNOWN_KEY_ID, WRONG_KEY (other context, or tampered), CORRUPT, UNSUPPORTED_VERSION. */
  unwrap(wrapped: Uint8Array, context: string): DataKey {
    const parts = decodeWrappedKey(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey(parts.keyId), parts.iv, { authTagLength: WRAP_TAG_LENGTH });
    decipher.setAAD(additionalData(parts.prefix, context));
    decipher.setAuthTag(parts.tag);
    const keyBytes = decipher.update(parts.encryptedKey);
    try {
      decipher.final();
      return createSecretKey(keyBytes);
    } catch {
      throw new DecryptionError(DecryptionErrorCode.WrongKey, `The wrapped data key does not open with master key ${parts.keyId} for this context.`);
    } finally {
      keyBytes.fill(0);
    }
  }

  /** Moves a wrapped key under the current master key; the object it protects is not touched. */
  rewrap(wrapped: Uint8Array, context: string): Buffer {
    return this.wrap(this.unwrap(wrapped, context), context);
  }

  /** Whether a rotation job can skip this wrapped key. */
  isWrappedWithCurrentKey(wrapped: Uint8Array): boolean {
    return wrappedKeyId(wrapped) === this.currentKeyId;
  }

  private masterKey(keyId: string): KeyObject {
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new DecryptionError(DecryptionErrorCode.UnknownKeyId, `The data key was wrapped by master key ${keyId}, which this key ring does not hold.`);
    }
    return key;
  }

  /** Shows the ids only, wherever the ring ends up being printed. */
  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }
}

function additionalData(prefix: Buffer, context: string): Buffer {
  if (typeof context !== 'string' || context === '') {
    throw new TypeError('A wrapped key needs a non-empty context naming the object it protects, such as "attachment:<uuid>".');
  }
  return Buffer.concat([prefix, Buffer.from(context, 'utf8')]);
}

function checkedKeys(keys: readonly MasterKey[]): Map<string, KeyObject> {
  if (keys.length === 0) throw new MasterKeyConfigError('No master key given: a key ring needs at least its current key.');
  const byId = new Map<string, KeyObject>();
  keys.forEach(({ id, key }, index) => {
    if (!isKeyId(id)) {
      throw new MasterKeyConfigError(`Master key entry ${index + 1} has an invalid key id: use 1-${MAX_KEY_ID_LENGTH} letters, digits, "-" or "_".`);
    }
    if (!(key instanceof KeyObject) || key.type !== 'secret' || key.symmetricKeySize !== MASTER_KEY_BYTES) {
      const size = key instanceof KeyObject ? `${key.symmetricKeySize ?? 0} bytes` : 'not a secret key';
      throw new MasterKeyConfigError(`Master key ${id} must be ${MASTER_KEY_BYTES} random bytes (got ${size}).`);
    }
    if (byId.has(id)) throw new MasterKeyConfigError(`Master key id ${id} appears twice.`);
    for (const [otherId, other] of byId) {
      if (other.equals(key)) throw new MasterKeyConfigError(`Master keys ${otherId} and ${id} are the same key; a rotation needs a new one.`);
    }
    byId.set(id, key);
  });
  return byId;
}
