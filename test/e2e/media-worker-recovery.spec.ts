import request from 'supertest';
import { MediaWorkerPool } from '../../apps/api/src/media/media-worker-pool';
import { startTestApp, type TestApp } from '../support/test-app';

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

describe('a mediasoup worker that dies', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ MEDIA_WORKERS: '2' });
  });
  afterAll(() => testApp.close());

  it('is logged, counted and replaced in its slot, and new rooms keep working', async () => {
    const pool = testApp.app.get(MediaWorkerPool);
    const [victim, survivor] = pool.status().pids;
    const replaced = new Promise((resolve) => pool.events.once('slotReplaced', resolve));

    process.kill(victim, 'SIGKILL');
    await replaced;

    const status = pool.status();
    expect(status.alive).toBe(2);
    expect(status.pids).toContain(survivor);
    expect(status.pids).not.toContain(victim);

    const health = await eventually(
      () => request(testApp.baseUrl).get('/health'),
      (response) => response.status === 200,
    );
    expect(health.body.checks.media).toEqual({ status: 'up', workers: 2, configured: 2 });
    const metrics = await request(testApp.baseUrl).get('/metrics');
    expect(metrics.text).toContain('vetmeet_mediasoup_worker_deaths_total 1');
    expect(pool.leastLoaded()?.worker.closed).toBe(false);
  });
});
