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
 * An object written piece by piece while its bytes arrive (a recording's journal), so that a
 * crash of its writer keeps what was flushed: `recoverIncomplete` then turns it into the
 * object. Appends are not visible under the key until `complete` (or a recovery).
 */
export interface AppendableObject {
  /** Adds the parts' bytes, in order, after the ones before; they are durable only once `flush` resolves. */
  append(...parts: Buffer[]): Promise<void>;
  /** Makes every byte appended so far survive a crash of this process. */
  flush(): Promise<void>;
  /** Stores what was appended as the object under its key. */
  complete(): Promise<void>;
  /** Drops what was appended; no object is left. */
  abort(): Promise<void>;
}

/** Prefixes for listing incomplete appendable objects: a key's leading segments. */
const STORAGE_PREFIX = /^[a-z][a-z0-9-]{0,31}(?:\/[0-9a-f][0-9a-f-]{0,63}){0,3}$/;

export function assertStoragePrefix(prefix: string): void {
  if (!STORAGE_PREFIX.test(prefix)) throw new RangeError('Not a storage key prefix.');
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

  /** Starts an appendable object under a key that has none in progress (else it throws). */
  abstract openAppend(key: string): Promise<AppendableObject>;

  /**
   * Keys under the prefix whose appendable object was opened and neither completed nor
   * aborted: left by a crashed writer (or still being written by a live one, which the
   * caller must tell apart, e.g. by running recovery only at a recorder's start).
   */
  abstract listIncomplete(prefix: string): Promise<string[]>;

  /**
   * Stores the durable bytes an interrupted writer left as the object under its key (they
   * may end inside a chunk: readers salvage). Doing it again, once done, changes nothing.
   * Throws ObjectNotFoundError when there is neither an incomplete object nor an object.
   */
  abstract recoverIncomplete(key: string): Promise<void>;
}
