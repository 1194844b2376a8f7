import { ErrorCode, MediaLoopbackRequest } from '@vetmeet/contracts';
import { io } from 'socket.io-client';
import request from 'supertest';
import { MediaWorkerPool } from '../../apps/api/src/media/media-worker-pool';
import { MAX_SIGNALING_MESSAGE_BYTES } from '../../apps/api/src/signaling/signaling-io.adapter';
import { connectLoopbackClient, requestRaw, type LoopbackClient } from '../support/loopback-client';
import { startTestApp, type TestApp } from '../support/test-app';

const UNKNOWN_UUID = '5b0c2f7e-3b8a-4c59-9d1e-0a6f3d4c2b1a';

describe('media loopback signaling (socket.io)', () => {
  let testApp: TestApp;
  let socket: LoopbackClient;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  beforeEach(async () => {
    socket = await connectLoopbackClient(testApp.baseUrl);
  });
  afterEach(() => socket.disconnect());
  afterAll(() => testApp.close());

  it('answers with the router RTP capabilities', async () => {
    const answer = await requestRaw(socket, MediaLoopbackRequest.GetRouterRtpCapabilities, {});
    expect(answer.ok).toBe(true);
    const codecs = (answer as { data: { codecs: { mimeType: string }[] } }).data.codecs.map((codec) => codec.mimeType);
    expect(codecs).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
  });

  it('offers no TURN servers when TURN is not configured', async () => {
    await expect(requestRaw(socket, MediaLoopbackRequest.GetIceServers, {})).resolves.toEqual({ ok: true, data: [] });
  });

  it('creates a WebRTC transport with DTLS parameters and ICE candidates on loopback', async () => {
    const answer = await requestRaw(socket, MediaLoopbackRequest.CreateTransport, { direction: 'send' });
    expect(answer).toMatchObject({
      ok: true,
      data: {
        id: expect.any(String),
        dtlsParameters: { fingerprints: expect.arrayContaining([expect.objectContaining({ algorithm: 'sha-256' })]) },
        iceCandidates: expect.arrayContaining([expect.objectContaining({ address: '127.0.0.1', protocol: 'udp', port: testApp.config.MEDIA_RTC_PORT })]),
      },
    });
  });

  it('answers an unknown event with UNKNOWN_EVENT and stays connected', async () => {
    const answer = await requestRaw(socket, 'media:selfDestruct', { now: true });
    expect(answer).toEqual({ ok: false, error: { code: ErrorCode.UnknownEvent, message: expect.any(String) } });
    expect(socket.connected).toBe(true);
  });

  it('tells a client that sent an unknown event without an acknowledgement', async () => {
    const notice = new Promise((resolve) => socket.once('error:unhandled', resolve));
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit('no:such', 42);
    await expect(notice).resolves.toMatchObject({ code: ErrorCode.UnknownEvent, event: 'no:such' });
  });

  it.each([
    ['a missing payload', []],
    ['a string instead of an object', ['send']],
    ['a number', [7]],
    ['null', [null]],
    ['an array', [[{ direction: 'send' }]]],
    ['a wrong enum value', [{ direction: 'sideways' }]],
    ['a wrong type', [{ direction: 1 }]],
    ['an unexpected property', [{ direction: 'send', role: 'admin' }]],
  ])('refuses %s with VALIDATION_FAILED', async (_, payload) => {
    const answer = await requestRaw(socket, MediaLoopbackRequest.CreateTransport, ...payload);
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.ValidationFailed } });
  });

  it('names the offending fields in a validation error', async () => {
    const answer = await requestRaw(socket, MediaLoopbackRequest.ConnectTransport, { transportId: 'not-a-uuid', dtlsParameters: 'nope' });
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.ValidationFailed } });
    const details = (answer as { error: { details: string[] } }).error.details.join('\n');
    expect(details).toContain('transportId');
    expect(details).toContain('dtlsParameters');
  });

  it('answers NOT_FOUND for a transport this socket does not own', async () => {
    const answer = await requestRaw(socket, MediaLoopbackRequest.ConnectTransport, {
      transportId: UNKNOWN_UUID,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
  });

  it("does not let one socket use another socket's transport", async () => {
    const created = await requestRaw(socket, MediaLoopbackRequest.CreateTransport, { direction: 'recv' });
    const transportId = (created as { data: { id: string } }).data.id;
    const intruder = await connectLoopbackClient(testApp.baseUrl);
    try {
      const answer = await requestRaw(intruder, MediaLoopbackRequest.GetTransportState, { transportId });
      expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    } finally {
      intruder.disconnect();
    }
  });

  it('answers MEDIA_REJECTED when mediasoup cannot use the RTP parameters, and the transport keeps working', async () => {
    const created = await requestRaw(socket, MediaLoopbackRequest.CreateTransport, { direction: 'send' });
    const transportId = (created as { data: { id: string } }).data.id;
    const answer = await requestRaw(socket, MediaLoopbackRequest.Produce, {
      transportId,
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/NOPE', payloadType: 300, clockRate: -1 }], encodings: 'many' },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.MediaRejected } });
    const state = await requestRaw(socket, MediaLoopbackRequest.GetTransportState, { transportId });
    expect(state).toMatchObject({ ok: true, data: { transportId, dtlsState: 'new' } });
  });

  it("gives a socket a new room when its room's worker dies", async () => {
    const first = await requestRaw(socket, MediaLoopbackRequest.CreateTransport, { direction: 'send' });
    expect(first).toMatchObject({ ok: true });
    const pool = testApp.app.get(MediaWorkerPool);
    const replaced = new Promise((resolve) => pool.events.once('slotReplaced', resolve));
    process.kill(pool.status().pids[0], 'SIGKILL');
    await replaced;
    const again = await requestRaw(socket, MediaLoopbackRequest.CreateTransport, { direction: 'send' });
    expect(again).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    expect((again as { data: { id: string } }).data.id).not.toBe((first as { data: { id: string } }).data.id);
  });

  it('drops a socket that sends an oversized message, and the server keeps serving', async () => {
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit(MediaLoopbackRequest.CreateTransport, { direction: 'x'.repeat(MAX_SIGNALING_MESSAGE_BYTES + 1) } as never, () => undefined);
    await expect(disconnected).resolves.toBe('transport close');

    const next = await connectLoopbackClient(testApp.baseUrl);
    await expect(requestRaw(next, MediaLoopbackRequest.GetRouterRtpCapabilities, {})).resolves.toMatchObject({ ok: true });
    next.disconnect();
    await request(testApp.baseUrl).get('/health').expect(200);
  });
});

describe('media loopback when it is switched off', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ DEV_MEDIA_LOOPBACK: 'false' });
  });
  afterAll(() => testApp.close());

  it('does not exist: the connection is refused', async () => {
    const socket = io(`${testApp.baseUrl}/dev/media-loopback`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const refusal = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    // No gateway at all means no socket.io server to upgrade to; with other gateways, the namespace is unknown.
    expect(['websocket error', 'Invalid namespace']).toContain(refusal.message);
    expect(socket.connected).toBe(false);
    socket.disconnect();
  });
});
