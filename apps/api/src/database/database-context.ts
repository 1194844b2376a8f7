import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** Who is acting, and for which clinic: what row-level security policies read. */
export interface ActingScope {
  userId: string | null;
  clinicId: string | null;
}

export const NOBODY: ActingScope = { userId: null, clinicId: null };

/**
 * How long a transaction waits for a row or advisory lock before PostgreSQL gives up (55P03, which
 * the API answers 503 with Retry-After). Without it a request stuck behind a lock holder that waits
 * on something slow (Stripe, a long statement) keeps its pooled connection for as long as that
 * takes, and enough of them stall every request. Deadlocks are still found first (after 1 s).
 */
export const LOCK_TIMEOUT = '10s';

/**
 * Runs work in one transaction with the acting scope set for row-level security
 * (set_config(..., true) lasts until the transaction ends, so a pooled connection never
 * carries one person's scope into another's request). Repositories take their
 * EntityManager from here: outside a scope there is none, and they fail loudly.
 */
@Injectable()
export class DatabaseContext {
  private readonly current = new AsyncLocalStorage<{ manager: EntityManager; scope: ActingScope; afterwards: AfterTransaction[] }>();

  /** Row-level security ends a consultant's read of a pet's record when the join window closes (app_join_closes_after()). */
  private readonly joinClosesMinutes: string;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(AppConfig) config?: Pick<AppConfig, 'CONSULTATION_JOIN_CLOSES_MINUTES'>,
  ) {
    this.joinClosesMinutes = String(config?.CONSULTATION_JOIN_CLOSES_MINUTES ?? 0);
  }

  /** Work handed to afterTransaction runs once the transaction is over (committed or not), before this settles. */
  async run<T>(scope: ActingScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const afterwards: AfterTransaction[] = [];
    let result: { value: T } | { error: unknown };
    try {
      result = {
        value: await this.dataSource.transaction(async (manager) => {
          await manager.query(
            `SELECT set_config('app.user_id', $1, true), set_config('app.clinic_id', $2, true), set_config('lock_timeout', $3, true),
                    set_config('app.join_closes_minutes', $4, true)`,
            [scope.userId ?? '', scope.clinicId ?? '', LOCK_TIMEOUT, this.joinClosesMinutes],
          );
          return this.current.run({ manager, scope, afterwards }, () => work(manager));
        }),
      };
    } catch (error) {
      result = { error };
    }
    for (const task of afterwards) await task();
    if ('error' in result) throw result.error;
    return result.value;
  }

  /** Work on behalf of a signed-in person (or nobody, before sign-in). */
  runAs<T>(actor: { userId: string; clinicId: string | null } | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(actor ? { userId: actor.userId, clinicId: actor.clinicId } : NOBODY, work);
  }

  manager(): EntityManager {
    const active = this.current.getStore();
    if (!active) throw new Error('No database scope: wrap this work in DatabaseContext.run()');
    return active.manager;
  }

  scope(): ActingScope | undefined {
    return this.current.getStore()?.scope;
  }

  /**
   * Inside a transaction, keeps `task` (which opens a transaction of its own) until this one is
   * over and answers true; outside one, answers false and the caller runs it now. Opening a
   * second connection while holding one can starve the pool: with every connection held by a
   * request waiting for another, each waits out the connect timeout. A failing task fails the
   * run, in place of the work's own error.
   */
  afterTransaction(task: AfterTransaction): boolean {
    const active = this.current.getStore();
    if (!active) return false;
    active.afterwards.push(task);
    return true;
  }
}

export type AfterTransaction = () => Promise<void>;
