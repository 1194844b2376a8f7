import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** A clean shutdown waits this long for final objects being made; what is left, the next start recovers. */
const SHUTDOWN_WAIT_MS = 20_000;

/**
 * Final objects still being made (a remux per ended segment) after their recordings stopped.
 * Tests and a clean shutdown wait for them; a crash leaves their journals to recovery.
 */
@Injectable()
export class RecordingFinalizations implements OnApplicationShutdown {
  private readonly logger = new Logger(RecordingFinalizations.name);
  private readonly pending = new Set<Promise<unknown>>();
  private draining: Promise<boolean> | undefined;

  track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  /** Settles once nothing is being finalized (including work tracked while waiting). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** What a clean shutdown waits for: idle, or the shutdown's wait over (false); the same promise for every caller. */
  drained(): Promise<boolean> {
    this.draining ??= (async () => {
      // Rooms close in their own shutdown hook, and a recording's last segments end a moment later.
      await sleep(50);
      return Promise.race([this.idle().then(() => true), sleep(SHUTDOWN_WAIT_MS).then(() => false)]);
    })();
    return this.draining;
  }

  async onApplicationShutdown(): Promise<void> {
    const done = await this.drained();
    if (!done) this.logger.warn(`stopping with ${this.pending.size} recording finalizations unfinished: the next start recovers them`);
  }
}
