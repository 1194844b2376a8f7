import { KeyObject, createSecretKey } from 'node:crypto';
import { MasterKeyConfigError } from './errors';

export interface MasterKey {
  /** Short and not secret: stored with every key it wraps and named in errors. */
  readonly id: string;
  readonly key: KeyObject;
}

/**
 * Master keys come from one environment string, `k2:BASE64,k1:BASE64`, current key first,
 * because rotation must be a config change and a restart, not a migration. Errors point at
 * an entry by its position and, once it is known to be a valid id, its key id; they never
 * repeat what was given, since a mistyped entry may well be a key.
 */
export function parseMasterKeys(config: string): MasterKey[] {
  if (config.trim() === '') {
    throw new MasterKeyConfigError('No master key given: expected "<id>:<base64 of 32 random bytes>", current key first, older keys after commas.');
  }
  return config.split(',').map((entry, index) => parseEntry(entry.trim(), index + 1));
}

function parseEntry(entry: string, position: number): MasterKey {
  if (entry === '') throw new MasterKeyConfigError(`Master key entry ${position} is empty (a stray comma?).`);
  const colon = entry.indexOf(':');
  if (colon < 0) throw new MasterKeyConfigError(`Master key entry ${position} is not "<id>:<base64>".`);
  const id = entry.slice(0, colon).trim();
  const encoded = entry.slice(colon + 1).trim();
  if (!isKeyId(id)) {
    throw new MasterKeyConfigError(`Master key entry ${position} has an invalid key id: use 1-${MAX_KEY_ID_LENGTH} letters, digits, "-" or "_".`);
  }
  if (!isCanonicalBase64(encoded)) {
    throw new MasterKeyConfigError(`Master key ${id} is not standard base64 (generate one with \`openssl rand -base64 32\`).`);
  }
  const bytes = Buffer.from(encoded, 'base64');
  try {
    return { id, key: createSecretKey(bytes) };
  } finally {
    bytes.fill(0);
  }
}

export const MAX_KEY_ID_LENGTH = 32;

export function isKeyId(id: string): boolean {
  return id.length <= MAX_KEY_ID_LENGTH && /^[A-Za-z0-9_-]+$/.test(id);
}

/** Node's decoder skips characters it does not know; a key must not silently lose some. */
function isCanonicalBase64(text: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return false;
  const unpadded = text.replace(/=+$/, '');
  return Buffer.from(text, 'base64').toString('base64').replace(/=+$/, '') === unpadded;
}
