import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';

export interface MediaWorkerSlot {
  /** Stable index: decides the slot's WebRTC port, survives the worker's replacement. */
  index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  routers: number;
}

const REPLACE_DELAY_MS = 500;

/**
 * One mediasoup worker per core (by default), each with a WebRtcServer on one UDP and one
 * TCP port, so a firewall opens a port per core rather than a range per call. A worker that
 * dies is logged and replaced in its slot; rooms on it hear `slotReplaced` and rebuild.
 */
@Injectable()
export class MediaWorkerPool implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MediaWorkerPool.name);
  private readonly slots: (MediaWorkerSlot | undefined)[] = [];
  private shuttingDown = false;
  readonly events = new EventEmitter<{ slotReplaced: [MediaWorkerSlot]; workerDied: [number] }>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    metrics.onCollect(() => this.collectCpu());
  }

  async onModuleInit(): Promise<void> {
    const count = this.config.MEDIA_WORKERS ?? availableParallelism();
    await Promise.all(Array.from({ length: count }, (_, index) => this.startSlot(index)));
    this.logger.log(`started ${count} mediasoup worker(s) [version:${mediasoup.version}]`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const slot of this.slots) slot?.worker.close();
    this.slots.length = 0;
    this.metrics.mediaWorkersAlive.set(0);
  }

  /** The live slot with the fewest routers: new rooms spread over the cores. */
  leastLoaded(): MediaWorkerSlot | undefined {
    const live = this.slots.filter((slot): slot is MediaWorkerSlot => slot !== undefined && !slot.worker.closed);
    return live.sort((a, b) => a.routers - b.routers)[0];
  }

  status(): { configured: number; alive: number; pids: number[] } {
    const alive = this.slots.filter((slot) => slot && !slot.worker.closed) as MediaWorkerSlot[];
    return { configured: this.config.MEDIA_WORKERS ?? availableParallelism(), alive: alive.length, pids: alive.map((s) => s.worker.pid) };
  }

  private async startSlot(index: number): Promise<void> {
    const worker = await mediasoup.createWorker({ logLevel: this.config.MEDIA_LOG_LEVEL, appData: { index } });
    // bench:sfu showed the kernel's default socket buffer overflowing (and media lost) whenever the
    // worker was off its core for a few milliseconds at a few dozen consultations.
    const buffers = this.config.MEDIA_SOCKET_BUFFER_BYTES > 0 ? { sendBufferSize: this.config.MEDIA_SOCKET_BUFFER_BYTES, recvBufferSize: this.config.MEDIA_SOCKET_BUFFER_BYTES } : {};
    const listen = { ip: this.config.MEDIA_LISTEN_IP, announcedAddress: this.config.MEDIA_ANNOUNCED_ADDRESS, port: this.config.MEDIA_RTC_PORT + index, ...buffers };
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ...listen },
        { protocol: 'tcp', ...listen },
      ],
    });
    const slot: MediaWorkerSlot = { index, worker, webRtcServer, routers: 0 };
    worker.observer.on('newrouter', (router) => {
      slot.routers += 1;
      this.metrics.mediaRouters.set({ worker: String(index) }, slot.routers);
      router.observer.once('close', () => {
        slot.routers -= 1;
        this.metrics.mediaRouters.set({ worker: String(index) }, slot.routers);
      });
    });
    worker.once('died', (error) => this.onWorkerDied(slot, error));
    const replaced = this.slots[index] !== undefined;
    this.slots[index] = slot;
    this.metrics.mediaWorkersAlive.set(this.status().alive);
    if (replaced) this.events.emit('slotReplaced', slot);
  }

  private onWorkerDied(slot: MediaWorkerSlot, error: Error): void {
    this.metrics.mediaWorkerDeaths.inc();
    this.metrics.mediaWorkersAlive.set(this.status().alive);
    this.metrics.mediaRouters.set({ worker: String(slot.index) }, 0);
    this.logger.error(`mediasoup worker died [index:${slot.index}, pid:${slot.worker.pid}]: ${error.message}; replacing it`);
    this.events.emit('workerDied', slot.index);
    if (this.shuttingDown) return;
    setTimeout(() => {
      if (this.shuttingDown) return;
      this.startSlot(slot.index).catch((startError: Error) =>
        this.logger.error(`could not replace mediasoup worker [index:${slot.index}]: ${startError.message}`),
      );
    }, REPLACE_DELAY_MS).unref();
  }

  private async collectCpu(): Promise<void> {
    this.metrics.mediaWorkerCpuSeconds.reset();
    await Promise.all(
      this.slots.map(async (slot) => {
        if (!slot || slot.worker.closed) return;
        const usage = await slot.worker.getResourceUsage().catch(() => undefined);
        if (!usage) return;
        const seconds = (usage.ru_utime + usage.ru_stime) / 1000;
        this.metrics.mediaWorkerCpuSeconds.set({ worker: String(slot.index), pid: String(slot.worker.pid) }, seconds);
      }),
    );
  }
}
