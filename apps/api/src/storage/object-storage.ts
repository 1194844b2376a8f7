import type { Readable } from 'node:stream';

/** Inclusive on both ends, like an HTTP Range. */
export interface ObjectRange {
  readonly start: number;
  readonly end: number;
}

export interface ObjectStat {
  readonly size: number;
}

/** A get, stat or range read of a key that holds no object. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No object under key ${key}.`);
    this.name = 'ObjectNotFoundError';
  }
}

/**
 * Keys are made by the server from UUIDs (`attachments/ab/<uuid>`), never from anything a
 * person sent. Every driver still checks them, so a bug upstream cannot reach outside
 * the store (`..`, absolute paths, odd characters).
 */
const STORAGE_KEY = /^[a-z][a-z0-9-]{0,31}(?:\/[0-9a-f][0-9a-f-]{0,63}){1,4}$/;

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new RangeError('Not a storage key: keys are server-made lowercase UUID paths.');
}

/**
 * Where encrypted bodies live (attachments now, recordings later). The bodies are already
 * encrypted and authenticated when they get here, so a driver only has to store bytes:
 * a put either leaves the complete object under its key or nothing at all.
 *
 * An abstract class rather than an interface so that it is also the injection token.
 */
export abstract class ObjectStorage {
  /** Stores the stream's bytes under the key; on any failure (the stream's included) no object is left. */
  abstract put(key: string, body: Readable): Promise<void>;

  /** The object's bytes, all of them or an inclusive range. Throws ObjectNotFoundError. */
  abstract get(key: string, range?: ObjectRange): Promise<Readable>;

  /** Throws ObjectNotFoundError. */
  abstract stat(key: string): Promise<ObjectStat>;

  /** Removes the object; removing one that is not there is not an error. */
  abstract delete(key: string): Promise<void>;
}
