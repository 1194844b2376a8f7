import { Injectable } from '@nestjs/common';
import type { HealthCheckStatus as CheckStatus, HealthReport } from '@vetmeet/contracts';
import { DataSource } from 'typeorm';
import { MediaWorkerPool } from '../media/media-worker-pool';


const DATABASE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: MediaWorkerPool,
  ) {}

  async report(): Promise<HealthReport> {
    const database = await this.databaseStatus();
    const { alive, configured } = this.pool.status();
    // Degraded (some workers down) still serves calls; none at all does not.
    const media: CheckStatus = alive > 0 ? 'up' : 'down';
    return {
      status: database === 'up' && media === 'up' ? 'ok' : 'error',
      checks: { database: { status: database }, media: { status: media, workers: alive, configured } },
    };
  }

  private async databaseStatus(): Promise<CheckStatus> {
    if (!this.dataSource.isInitialized) return 'down';
    const timeout = new Promise<CheckStatus>((done) => setTimeout(() => done('down'), DATABASE_TIMEOUT_MS).unref());
    const query = this.dataSource.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    return Promise.race([query, timeout]);
  }
}
