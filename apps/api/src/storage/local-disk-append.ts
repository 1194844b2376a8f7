import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ObjectNotFoundError, type AppendableObject } from './object-storage';

/** Appendable objects in progress, mirroring their keys; never swept: a crash leaves them to recover. */
export const APPENDING_DIR = '.appending';

/**
 * An appendable object on local disk: bytes go to `.appending/<key>` (one write each, no
 * fsync), `flush` is an fdatasync, and `complete` renames the file to its key, as a put
 * does. A crash of the process keeps every byte written; a crash of the machine keeps
 * every byte flushed.
 */
export class LocalDiskAppend implements AppendableObject {
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    private readonly partialPath: string,
    private readonly targetPath: string,
  ) {}

  static async open(partialPath: string, targetPath: string): Promise<LocalDiskAppend> {
    await mkdir(dirname(partialPath), { recursive: true, mode: 0o700 });
    // 'wx': a second writer of the same key fails instead of interleaving with the first.
    const handle = await open(partialPath, 'wx', 0o600);
    await flushToDisk(dirname(partialPath));
    return new LocalDiskAppend(handle, partialPath, targetPath);
  }

  async append(...parts: Buffer[]): Promise<void> {
    this.assertOpen();
    await writeAll(this.handle, parts);
  }

  async flush(): Promise<void> {
    this.assertOpen();
    await this.handle.datasync();
  }

  async complete(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.handle.close();
    await moveIntoPlace(this.partialPath, this.targetPath);
  }

  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close();
    }
    await rm(this.partialPath, { force: true });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('This appendable object is already completed or aborted.');
  }
}

/** What a crashed writer left becomes the object; a second call finds the object already there. */
export async function recoverLocalAppend(partialPath: string, targetPath: string, key: string): Promise<void> {
  try {
    await flushToDisk(partialPath);
  } catch (error) {
    if (!isMissing(error)) throw error;
    if (await exists(targetPath)) return;
    throw new ObjectNotFoundError(key);
  }
  await moveIntoPlace(partialPath, targetPath);
}

/** Keys of the files under `<appendingRoot>/<prefix>`. */
export async function listLocalAppends(appendingRoot: string, prefix: string): Promise<string[]> {
  const start = join(appendingRoot, ...prefix.split('/'));
  const keys: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) keys.push(relative(appendingRoot, path).split(sep).join('/'));
    }
  };
  await walk(start);
  return keys.sort();
}

/** One writev for a chunk's ciphertext and tag; a short write (rare: a full disk) finishes piece by piece. */
export async function writeAll(handle: FileHandle, parts: readonly Buffer[]): Promise<number> {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  if (total === 0) return 0;
  let written = (await handle.writev(parts)).bytesWritten;
  if (written < total) {
    const rest = Buffer.concat(parts).subarray(written);
    for (let offset = 0; offset < rest.length; ) offset += (await handle.write(rest, offset)).bytesWritten;
    written = total;
  }
  return written;
}

async function moveIntoPlace(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  await rename(from, to);
  await flushToDisk(dirname(to));
}

export async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await (await open(path, 'r')).close();
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
