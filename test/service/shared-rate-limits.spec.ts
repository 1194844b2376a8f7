import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@vetmeet/contracts';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { PostgresRateLimitStore } from '../../apps/api/src/rate-limits/postgres-rate-limit-store';
import { RateLimitKeys } from '../../apps/api/src/rate-limits/rate-limit-keys';
import type { RateLimitStore } from '../../apps/api/src/rate-limits/rate-limit-store';
import { RateLimiter, type RateLimitSpec } from '../../apps/api/src/rate-limits/rate-limiter';
import { RATE_LIMIT_FUNCTIONS } from '../../apps/api/src/rate-limits/rate-limits.schema';
import { RedisRateLimitStore } from '../../apps/api/src/rate-limits/redis-rate-limit-store';
import { startRedis, type RedisServer } from '../support/redis';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const keys = new RateLimitKeys('the-deployment-wide-session-secret-0123456789');

/** One app process's view of the shared store. */
interface AppNode {
  store: RateLimitStore;
  limiter(spec: RateLimitSpec): RateLimiter;
  /** The process ends (a restart, a node going away). */
  close(): Promise<void>;
}

interface Backend {
  name: string;
  start(): Promise<void>;
  openNode(): Promise<AppNode>;
  stop(): Promise<void>;
}

const node = (store: RateLimitStore, close: () => Promise<void>): AppNode => ({
  store,
  close,
  limiter: (spec) => new RateLimiter(spec, store, keys),
});

/** What a take() threw, or 'passed'. */
const outcome = (attempt: Promise<void>) =>
  attempt.then(() => 'passed' as const, (error: { code?: string; retryAfterSeconds?: number }) => error);
const spec = (limit: number, windowMs = 60_000): RateLimitSpec => ({ name: `test.${randomUUID()}`, limit, windowMs });

let database: TestDatabase | undefined;
let runtimeUrl = '';
const postgres: Backend = {
  name: 'PostgreSQL',
  async start() {
    database = await createTestDatabase();
    await runMigrations(database.url);
    runtimeUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
  },
  async openNode() {
    const dataSource = new DataSource(appDataSourceOptions(runtimeUrl, 4));
    await dataSource.initialize();
    const store = new PostgresRateLimitStore(dataSource);
    return node(store, async () => {
      store.onModuleDestroy();
      await dataSource.destroy();
    });
  },
  stop: async () => database?.drop(),
};

let redisServer: RedisServer | undefined;
const redis: Backend = {
  name: 'Redis',
  async start() {
    redisServer = await startRedis();
  },
  async openNode() {
    const store = await RedisRateLimitStore.connect(redisServer!.url);
    return node(store, () => store.onModuleDestroy());
  },
  stop: async () => redisServer?.stop(),
};

describe.each([postgres, redis])('rate limits shared by every app process ($name)', (backend) => {
  const open: AppNode[] = [];
  const openNode = async () => {
    const opened = await backend.openNode();
    open.push(opened);
    return opened;
  };
  beforeAll(() => backend.start());
  afterEach(async () => {
    for (const opened of open.splice(0)) await opened.close();
  });
  afterAll(() => backend.stop());

  it('gives two processes one budget, not one each', async () => {
    const [a, b] = [await openNode(), await openNode()];
    const budget = spec(3);
    await a.limiter(budget).take('203.0.113.7');
    await a.limiter(budget).take('203.0.113.7');
    await b.limiter(budget).take('203.0.113.7');
    const refused = await outcome(b.limiter(budget).take('203.0.113.7'));
    expect(refused).toMatchObject({ code: ErrorCode.RateLimited });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(50);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await outcome(a.limiter(budget).take('203.0.113.7'))).toMatchObject({ code: ErrorCode.RateLimited });
    expect(await outcome(a.limiter(budget).take('198.51.100.1'))).toBe('passed');
  });

  it('remembers across a restart', async () => {
    const budget = spec(2);
    const before = await openNode();
    await before.limiter(budget).take('owner@example.test');
    await before.limiter(budget).take('owner@example.test');
    await before.close();
    open.splice(open.indexOf(before), 1);
    const after = await openNode();
    const refused = await outcome(after.limiter(budget).take('owner@example.test'));
    expect(refused).toMatchObject({ code: ErrorCode.RateLimited });
  });

  it('never lets concurrent attempts from two processes past the limit', async () => {
    const [a, b] = [await openNode(), await openNode()];
    const budget = spec(10);
    const attempt = (index: number) => outcome((index % 2 ? a : b).limiter(budget).take('guesser'));
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, index) => attempt(index)));
    expect(outcomes.filter((result) => result === 'passed')).toHaveLength(10);
  });

  it('starts a key again when its window ends, and forgets it on reset from any process', async () => {
    const [a, b] = [await openNode(), await openNode()];
    const budget = spec(1, 1_000);
    await a.limiter(budget).take('user-1');
    expect(await outcome(b.limiter(budget).take('user-1'))).toMatchObject({ code: ErrorCode.RateLimited });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await outcome(b.limiter(budget).take('user-1'))).toBe('passed');
    await a.limiter(budget).reset('user-1');
    expect(await outcome(b.limiter(budget).take('user-1'))).toBe('passed');
  });
});

describe('the PostgreSQL rate-limit table', () => {
  let owner: Client;
  let app: AppNode;
  beforeAll(async () => {
    await postgres.start();
    owner = new Client({ connectionString: database!.url });
    await owner.connect();
    app = await postgres.openNode();
  });
  afterAll(async () => {
    await app?.close();
    await owner?.end();
    await postgres.stop();
  });

  it('is out of the runtime role\'s reach except through its functions', async () => {
    const dataSource = new DataSource(appDataSourceOptions(runtimeUrl, 2));
    await dataSource.initialize();
    try {
      const direct = [
        'SELECT * FROM rate_limit_windows',
        'DELETE FROM rate_limit_windows',
        "INSERT INTO rate_limit_windows VALUES ('x', 'x', now(), now(), 1)",
      ];
      for (const sql of direct) {
        const denied = { driverError: expect.objectContaining({ code: '42501' }) };
        await expect(dataSource.query(sql)).rejects.toMatchObject(denied);
      }
    } finally {
      await dataSource.destroy();
    }
  });

  it('has the functions its schema file defines, as the migrations made them', async () => {
    const definitions = async () => {
      const { rows } = await owner.query<{ definition: string }>(
        `SELECT pg_get_functiondef(p.oid) AS definition FROM pg_proc p
          WHERE p.proname IN ('rate_limit_hit', 'rate_limit_forget', 'rate_limit_sweep') ORDER BY p.proname`,
      );
      return rows.map((row) => row.definition.replace(/\s+/g, ' '));
    };
    const migrated = await definitions();
    expect(migrated).toHaveLength(3);
    for (const sql of Object.values(RATE_LIMIT_FUNCTIONS)) await owner.query(sql);
    expect(await definitions()).toEqual(migrated);
  });

  it('keeps no key in clear, and the sweep removes windows that are over', async () => {
    const short = spec(5, 200);
    await app.limiter(short).take('owner@example.test');
    await app.limiter(spec(5)).take('owner@example.test');
    const { rows } = await owner.query<{ key_hash: Buffer }>('SELECT key_hash FROM rate_limit_windows');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.key_hash.toString('latin1')).not.toContain('owner');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await (app.store as PostgresRateLimitStore).sweep()).toBe(1);
    const left = await owner.query('SELECT 1 FROM rate_limit_windows WHERE limiter = $1', [short.name]);
    expect(left.rowCount).toBe(0);
  });
});
