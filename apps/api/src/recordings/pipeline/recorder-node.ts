import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { RecordingFinalizations } from './recording-finalizations';

/**
 * This app process as a recorder: an id of its own, stamped on each recording it makes, and a
 * PostgreSQL session advisory lock on that id held for as long as the process lives. Another
 * node's start-up recovery (recordings_mark_interrupted) takes only the recordings whose node's
 * lock it can take: a node killed loses its connection and so its lock; a live node keeps both.
 */
@Injectable()
export class RecorderNode implements OnModuleInit, OnApplicationShutdown {
  readonly id = randomUUID();
  private session: QueryRunner | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly finalizations: RecordingFinalizations,
  ) {}

  async onModuleInit(): Promise<void> {
    this.session = this.dataSource.createQueryRunner();
    await this.session.connect();
    await this.session.query('SELECT pg_advisory_lock(recorder_node_lock_key($1))', [this.id]);
  }

  async onApplicationShutdown(): Promise<void> {
    // Held until this node's last segments are finalized: a node starting meanwhile must not finalize them too.
    await this.finalizations.drained();
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    // The pooled connection must not keep the lock.
    await session.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await session.release().catch(() => undefined);
  }
}
