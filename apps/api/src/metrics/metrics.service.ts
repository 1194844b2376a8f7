import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry. Its own registry rather than prom-client's global one,
 * so several app instances in one test process do not collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'vetmeet_http_requests_total',
    help: 'HTTP requests by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'vetmeet_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly socketConnections = new Gauge({
    name: 'vetmeet_socketio_connected_sockets',
    help: 'socket.io sockets connected now, by namespace.',
    labelNames: ['namespace'] as const,
    registers: [this.registry],
  });

  readonly socketMessages = new Counter({
    name: 'vetmeet_socketio_messages_total',
    help: 'socket.io messages received, by namespace, event and outcome.',
    labelNames: ['namespace', 'event', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly mediaWorkersAlive = new Gauge({
    name: 'vetmeet_mediasoup_workers_alive',
    help: 'mediasoup workers running now.',
    registers: [this.registry],
  });

  readonly mediaWorkerDeaths = new Counter({
    name: 'vetmeet_mediasoup_worker_deaths_total',
    help: 'mediasoup workers that died unexpectedly (each is replaced).',
    registers: [this.registry],
  });

  readonly mediaRouters = new Gauge({
    name: 'vetmeet_mediasoup_routers',
    help: 'mediasoup routers (one per room) open now, by worker index.',
    labelNames: ['worker'] as const,
    registers: [this.registry],
  });

  readonly mediaWorkerCpuSeconds = new Gauge({
    name: 'vetmeet_mediasoup_worker_cpu_seconds',
    help: 'CPU time (user + system) used by each mediasoup worker process since it started.',
    labelNames: ['worker', 'pid'] as const,
    registers: [this.registry],
  });

  readonly consultationRooms = new Gauge({
    name: 'vetmeet_consultation_rooms',
    help: 'Consultation rooms open in this process now.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vetmeet_' });
  }

  private readonly collectors: (() => Promise<void>)[] = [];

  /** Registers work that refreshes gauges right before a scrape (e.g. asking workers for CPU use). */
  onCollect(collector: () => Promise<void>): void {
    this.collectors.push(collector);
  }

  async render(): Promise<string> {
    await Promise.all(this.collectors.map((collect) => collect()));
    return this.registry.metrics();
  }
}
