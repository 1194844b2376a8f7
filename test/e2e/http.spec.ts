import request from 'supertest';
import { ErrorCode } from '@vetmeet/contracts';
import { startTestApp, type TestApp } from '../support/test-app';

describe('HTTP operations endpoints', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('reports health with the database and the media workers', async () => {
    const response = await request(testApp.baseUrl).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, media: { status: 'up', workers: 1, configured: 1 } },
    });
  });

  it('exposes Prometheus metrics for HTTP, socket.io and mediasoup', async () => {
    await request(testApp.baseUrl).get('/health').expect(200);
    const response = await request(testApp.baseUrl).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/vetmeet_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    expect(response.text).toContain('vetmeet_mediasoup_workers_alive 1');
    expect(response.text).toMatch(/vetmeet_mediasoup_worker_cpu_seconds\{worker="0",pid="\d+"\}/);
    expect(response.text).toContain('# TYPE vetmeet_socketio_connected_sockets gauge');
  });

  it('keeps metrics to this machine without METRICS_TOKEN: a request a proxy forwards is refused with a code', async () => {
    const forwarded = await request(testApp.baseUrl).get('/metrics').set('X-Forwarded-For', '203.0.113.7').set('Accept', 'application/json').expect(403);
    expect(forwarded.body).toMatchObject({ code: ErrorCode.Forbidden });
    expect(forwarded.text).not.toContain('vetmeet_');
  });

  it('serves the OpenAPI description', async () => {
    const response = await request(testApp.baseUrl).get('/api/docs-json').expect(200);
    expect(response.body.info.title).toBe('Vetmeet API');
    expect(Object.keys(response.body.paths)).toContain('/health');
    await request(testApp.baseUrl).get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('answers an unknown API route with a coded JSON error and the request id', async () => {
    const response = await request(testApp.baseUrl).get('/api/no-such-thing').set('Accept', 'application/json').expect(404);
    expect(response.body).toEqual({ code: ErrorCode.NotFound, message: expect.any(String), requestId: expect.any(String) });
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('keeps a well-formed caller request id and replaces a malformed one', async () => {
    const kept = await request(testApp.baseUrl).get('/health').set('X-Request-Id', 'trace-0123456789');
    expect(kept.headers['x-request-id']).toBe('trace-0123456789');
    const replaced = await request(testApp.baseUrl).get('/health').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a malformed JSON body with a code, not a stack', async () => {
    const response = await request(testApp.baseUrl).post('/api/anything').set('Content-Type', 'application/json').send('{"broken":');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses an oversized JSON body', async () => {
    const response = await request(testApp.baseUrl)
      .post('/api/anything')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(200 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe(ErrorCode.PayloadTooLarge);
  });
});
