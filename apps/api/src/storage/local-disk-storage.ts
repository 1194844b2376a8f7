import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger, type OnModuleInit } from '@nestjs/common';
import { loggableError } from '../common/errors/loggable-error';
import { APPENDING_DIR, LocalDiskAppend, flushToDisk, listLocalAppends, recoverLocalAppend } from './local-disk-append';
import {
  ObjectNotFoundError,
  ObjectStorage,
  assertStorageKey,
  assertStoragePrefix,
  type AppendableObject,
  type ObjectRange,
  type ObjectStat,
} from './object-storage';

/** Unfinished writes live here, on the same file system as the objects, so the final rename is atomic. */
const PARTIAL_DIR = '.partial';
/** Leftovers of a crash; anything younger may still be an upload in progress (in this process or another). */
const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;
/** Reads of several encryption chunks at a time: fewer system calls, same memory bound. */
const READ_HIGH_WATER_MARK = 256 * 1024;

/**
 * Objects as files under one folder. A put writes to `.partial/<random>`, flushes it to
 * disk, then renames it to its key, so a crash or a failed upload never leaves half an
 * object under a real key: at worst a leftover in `.partial`, swept at the next start.
 */
export class LocalDiskStorage extends ObjectStorage implements OnModuleInit {
  private readonly logger = new Logger(LocalDiskStorage.name);
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async onModuleInit(): Promise<void> {
    try {
      await mkdir(join(this.root, PARTIAL_DIR), { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      throw new Error(`The object store folder ${this.root} (STORAGE_DIR) cannot be created or written (${String(code ?? 'unknown error')}).`, { cause: error });
    }
    await this.sweepStalePartials();
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    const partial = join(this.root, PARTIAL_DIR, randomUUID());
    await mkdir(dirname(partial), { recursive: true, mode: 0o700 });
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      await flushToDisk(partial);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(partial, target);
      await flushToDisk(dirname(target));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ObjectRange): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r').catch((error: unknown) => rethrowMissing(error, key));
    // The stream owns the handle from here and closes it when it ends or is destroyed.
    return handle.createReadStream({ ...range, highWaterMark: READ_HIGH_WATER_MARK });
  }

  async stat(key: string): Promise<ObjectStat> {
    const stats = await stat(this.pathOf(key)).catch((error: unknown) => rethrowMissing(error, key));
    return { size: stats.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async openAppend(key: string): Promise<AppendableObject> {
    return LocalDiskAppend.open(this.appendingPathOf(key), this.pathOf(key));
  }

  async listIncomplete(prefix: string): Promise<string[]> {
    assertStoragePrefix(prefix);
    return listLocalAppends(join(this.root, APPENDING_DIR), prefix);
  }

  async recoverIncomplete(key: string): Promise<void> {
    await recoverLocalAppend(this.appendingPathOf(key), this.pathOf(key), key);
  }

  /** Where an appendable object grows until it is complete: the key's path under `.appending`. */
  private appendingPathOf(key: string): string {
    return join(this.root, APPENDING_DIR, relative(this.root, this.pathOf(key)));
  }

  /** The file of a key, refusing anything that would resolve outside the root. */
  pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, ...key.split('/'));
    const inside = relative(this.root, path);
    const outside = inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside);
    if (outside || [PARTIAL_DIR, APPENDING_DIR].includes(inside.split(sep)[0])) {
      throw new RangeError('Storage key resolves outside the object store.');
    }
    return path;
  }

  private async sweepStalePartials(): Promise<void> {
    const folder = join(this.root, PARTIAL_DIR);
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      try {
        if (Date.now() - (await stat(path)).mtimeMs > STALE_PARTIAL_MS) await rm(path, { force: true });
      } catch (error) {
        this.logger.warn({ err: loggableError(error) }, 'could not sweep a stale partial object');
      }
    }
  }
}

function rethrowMissing(error: unknown, key: string): never {
  // Not `instanceof Error`: errors from node:fs may come from another realm (jest's sandbox).
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT') throw new ObjectNotFoundError(key);
  throw error;
}
