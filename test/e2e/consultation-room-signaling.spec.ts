import { ErrorCode, RoomRequest, type JoinRoomView, type ParticipantView } from '@vetmeet/contracts';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import request from 'supertest';
import { registerAndSignIn } from '../support/accounts';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { connectRoomClient, cookieHeaderOf, nextNotice, roomCall, roomRequest, type RoomClient } from '../support/room-client';
import { MediaWorkerPool } from '../../apps/api/src/media/media-worker-pool';
import { RoomDirectory } from '../../apps/api/src/rooms/room-directory';
import { startTestApp, type TestApp } from '../support/test-app';

const OPUS = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
  encodings: [{ ssrc: 11111111 }],
  headerExtensions: [],
  rtcp: { cname: 'test' },
};

/** A camera sent in three simulcast layers, lowest first, as mediasoup-client sends it from Chromium. */
const VP8_SIMULCAST = {
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] }],
  encodings: [22220000, 22220001, 22220002].map((ssrc) => ({ ssrc, scalabilityMode: 'L1T3' })),
  headerExtensions: [],
  rtcp: { cname: 'camera' },
};

const presenceOf = (participants: ParticipantView[], userId: string) => participants.find((p) => p.userId === userId)?.presence;

describe('consultation room signaling (socket.io)', () => {
  let testApp: TestApp;
  const sockets: RoomClient[] = [];

  const connectAs = async (person: { agent: Parameters<typeof cookieHeaderOf>[0] }): Promise<RoomClient> => {
    const socket = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(person.agent));
    sockets.push(socket);
    return socket;
  };

  /** A fresh consultation with both people connected to the room namespace (not joined yet). */
  const meeting = async (options: Parameters<typeof createConsultationFor>[1] = {}) => {
    const fixture = await createConsultationFor(testApp, options);
    return { fixture, owner: await connectAs(fixture.owner), consultant: await connectAs(fixture.consultant) };
  };

  const joinAs = (socket: RoomClient, fixture: ConsultationFixture, password?: string) =>
    roomCall<JoinRoomView>(socket, RoomRequest.Join, { consultationId: fixture.consultationId, ...(password ? { password } : {}) });

  /**
   * Both people in the room, the owner sending one track and the consultant holding a receive
   * transport (and the router's capabilities) to consume it with.
   */
  const ownerSendingTo = async (track: { kind: 'audio' | 'video'; rtpParameters: unknown; source: string }) => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(owner, fixture);
    const { rtpCapabilities } = await joinAs(consultant, fixture);
    await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
    const send = await roomCall<{ id: string }>(owner, RoomRequest.CreateTransport, { direction: 'send' });
    const { producerId } = await roomCall<{ producerId: string }>(owner, RoomRequest.Produce, {
      transportId: send.id,
      kind: track.kind,
      rtpParameters: track.rtpParameters,
      appData: { source: track.source },
    });
    const recv = await roomCall<{ id: string }>(consultant, RoomRequest.CreateTransport, { direction: 'recv' });
    return { fixture, owner, consultant, send, recv, producerId, rtpCapabilities };
  };

  beforeAll(async () => {
    testApp = await startTestApp({ ROOM_EMPTY_GRACE_SECONDS: '1', TRUST_PROXY: 'loopback' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => testApp?.close());

  it('refuses a handshake without a session', async () => {
    const socket = io(`${testApp.baseUrl}/consultation-room`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const refusal = await new Promise<{ data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
    expect(refusal.data).toMatchObject({ code: ErrorCode.Unauthenticated });
    socket.close();
  });

  it('answers a ping before any join (the pre-call check measures its round trip)', async () => {
    const { owner } = await meeting();
    await expect(roomCall(owner, RoomRequest.Ping)).resolves.toEqual({ serverTime: expect.any(String) });
  });

  it('keeps the owner in the waiting room until the consultant admits them', async () => {
    const { fixture, owner, consultant } = await meeting();
    const ownerJoin = await joinAs(owner, fixture);
    expect(ownerJoin).toMatchObject({ admitted: false, rtpCapabilities: null, status: 'waiting', self: { role: 'owner', presence: 'waiting' } });
    expect(Array.isArray(ownerJoin.iceServers)).toBe(true);
    await expect(roomRequest(owner, RoomRequest.CreateTransport, { direction: 'send' })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotAdmitted },
    });

    const seenWaiting = nextNotice(consultant, 'room:participants', ({ participants }) => presenceOf(participants, fixture.owner.userId) === 'waiting');
    const consultantJoin = await joinAs(consultant, fixture);
    expect(consultantJoin).toMatchObject({ admitted: true, self: { role: 'consultant', presence: 'in_call' } });
    expect(consultantJoin.rtpCapabilities?.codecs?.map((codec) => codec.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    await seenWaiting;

    await expect(roomRequest(owner, RoomRequest.Admit, { userId: fixture.owner.userId })).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    const admitted = nextNotice(owner, 'room:admitted');
    const bothInCall = nextNotice(owner, 'room:participants', ({ participants }) => participants.every((p) => p.presence === 'in_call'));
    await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
    expect((await admitted).rtpCapabilities.codecs?.length).toBeGreaterThan(0);
    await bothInCall;

    const view = await fixture.owner.agent.get(`/api/consultations/${fixture.consultationId}`).expect(200);
    expect(view.body.status).toBe('in_progress');
  });

  it('tells the others about a new producer, its mute state, and its end', async () => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(owner, fixture);
    await joinAs(consultant, fixture);
    await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });

    const transport = await roomCall<{ id: string }>(owner, RoomRequest.CreateTransport, { direction: 'send' });
    const announced = nextNotice(consultant, 'media:newProducer');
    const { producerId } = await roomCall<{ producerId: string }>(owner, RoomRequest.Produce, {
      transportId: transport.id,
      kind: 'audio',
      rtpParameters: OPUS,
      appData: { source: 'microphone' },
    });
    await expect(announced).resolves.toEqual({ producerId, userId: fixture.owner.userId, kind: 'audio', source: 'microphone', paused: false });

    const recv = await roomCall<{ id: string }>(consultant, RoomRequest.CreateTransport, { direction: 'recv' });
    const capabilities = (await joinAs(consultant, fixture)).rtpCapabilities;
    const consumer = await roomCall<{ id: string; producerPaused: boolean; userId: string }>(consultant, RoomRequest.Consume, {
      transportId: recv.id,
      producerId,
      rtpCapabilities: capabilities,
    });
    expect(consumer).toMatchObject({ userId: fixture.owner.userId, producerPaused: false });

    const muted = nextNotice(consultant, 'media:producerPaused');
    await roomCall(owner, RoomRequest.PauseProducer, { producerId });
    await expect(muted).resolves.toEqual({ producerId });

    const consumerClosed = nextNotice(consultant, 'media:consumerClosed');
    await roomCall(owner, RoomRequest.CloseProducer, { producerId });
    await expect(consumerClosed).resolves.toEqual({ consumerId: consumer.id });
  });

  it('consumes a simulcast camera on the layer the receiver asks for, before the resume', async () => {
    const { fixture, consultant, recv, producerId, rtpCapabilities } = await ownerSendingTo({
      kind: 'video',
      rtpParameters: VP8_SIMULCAST,
      source: 'camera',
    });
    const consume = { transportId: recv.id, producerId, rtpCapabilities };

    const small = await roomCall<{ id: string }>(consultant, RoomRequest.Consume, { ...consume, preferredSpatialLayer: 0 });
    const room = await testApp.app.get(RoomDirectory).get(fixture.consultationId)!.media.room();
    expect(room.peer(fixture.consultant.userId)?.consumer(small.id).preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    // Without a wish the SFU forwards the best layer the bandwidth allows, as before.
    const unsaid = await roomCall<{ id: string }>(consultant, RoomRequest.Consume, consume);
    expect(room.peer(fixture.consultant.userId)?.consumer(unsaid.id).preferredLayers).toEqual({ spatialLayer: 2, temporalLayer: 2 });
    for (const preferredSpatialLayer of [3, -1, 1.5, '1']) {
      await expect(roomRequest(consultant, RoomRequest.Consume, { ...consume, preferredSpatialLayer })).resolves.toMatchObject({
        ok: false,
        error: { code: ErrorCode.ValidationFailed },
      });
    }
  });

  it("closes a person's own transport with what it carries, and refuses someone else's", async () => {
    const { owner, consultant, send, recv, producerId, rtpCapabilities } = await ownerSendingTo({
      kind: 'audio',
      rtpParameters: OPUS,
      source: 'microphone',
    });
    const consumer = await roomCall<{ id: string }>(consultant, RoomRequest.Consume, { transportId: recv.id, producerId, rtpCapabilities });

    // Another person's transport id reads as one that does not exist, and stays open.
    await expect(roomRequest(consultant, RoomRequest.CloseTransport, { transportId: send.id })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound },
    });
    await expect(roomRequest(owner, RoomRequest.CloseTransport, { transportId: 'not-a-uuid' })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.ValidationFailed },
    });

    const producerClosed = nextNotice(consultant, 'media:producerClosed');
    const consumerClosed = nextNotice(consultant, 'media:consumerClosed');
    await expect(roomCall(owner, RoomRequest.CloseTransport, { transportId: send.id })).resolves.toEqual({ closed: true });
    await expect(producerClosed).resolves.toEqual({ producerId });
    await expect(consumerClosed).resolves.toEqual({ consumerId: consumer.id });
    await expect(roomRequest(owner, RoomRequest.Produce, { transportId: send.id, kind: 'audio', rtpParameters: OPUS })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound },
    });
    await expect(roomRequest(owner, RoomRequest.CloseTransport, { transportId: send.id })).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
  });

  it('refuses someone who is not a participant with NOT_FOUND', async () => {
    const { fixture } = await meeting();
    const stranger = await registerAndSignIn(testApp.baseUrl);
    const socket = await connectAs(stranger);
    await expect(roomRequest(socket, RoomRequest.Join, { consultationId: fixture.consultationId })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound },
    });
    await expect(roomRequest(socket, RoomRequest.CreateTransport, { direction: 'send' })).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
  });

  it('asks for the room password the owner set, and refuses a wrong one', async () => {
    const { fixture, consultant } = await meeting();
    await fixture.owner.agent
      .put(`/api/consultations/${fixture.consultationId}/room-password`)
      .set('X-CSRF-Token', fixture.owner.csrfToken)
      .send({ password: 'blue-heron-42' })
      .expect(200);
    await expect(roomRequest(consultant, RoomRequest.Join, { consultationId: fixture.consultationId })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.RoomPasswordRequired },
    });
    await expect(roomRequest(consultant, RoomRequest.Join, { consultationId: fixture.consultationId, password: 'grey-heron-42' })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.RoomPasswordInvalid },
    });
    await expect(joinAs(consultant, fixture, 'blue-heron-42')).resolves.toMatchObject({ admitted: true });
  });

  it('refuses a locked room to an owner without a place, and lets an admitted one back in', async () => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(consultant, fixture);
    await expect(roomRequest(owner, RoomRequest.SetLocked, { locked: true })).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    await expect(roomCall(consultant, RoomRequest.SetLocked, { locked: true })).resolves.toEqual({ locked: true });
    await expect(roomRequest(owner, RoomRequest.Join, { consultationId: fixture.consultationId })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.RoomLocked },
    });

    await roomCall(consultant, RoomRequest.SetLocked, { locked: false });
    await joinAs(owner, fixture);
    await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
    await roomCall(consultant, RoomRequest.SetLocked, { locked: true });
    const reconnecting = nextNotice(consultant, 'room:participants', ({ participants }) => presenceOf(participants, fixture.owner.userId) === 'reconnecting');
    owner.disconnect();
    await reconnecting;
    const back = await connectAs(fixture.owner);
    await expect(joinAs(back, fixture)).resolves.toMatchObject({ admitted: true, locked: true, self: { presence: 'in_call' } });
  });

  it('refuses a consultation whose join window has closed', async () => {
    const { fixture, owner } = await meeting({ startsMinutesAgo: 240, durationMinutes: 30 });
    await expect(roomRequest(owner, RoomRequest.Join, { consultationId: fixture.consultationId })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.JoinWindowClosed },
    });
  });

  it('moves a person to their newest tab and tells the old one', async () => {
    const { fixture, consultant } = await meeting();
    await joinAs(consultant, fixture);
    const secondTab = await connectAs(fixture.consultant);
    const replaced = nextNotice(consultant, 'room:closed');
    await joinAs(secondTab, fixture);
    await expect(replaced).resolves.toEqual({ reason: 'joined_elsewhere' });
    await expect(roomRequest(consultant, RoomRequest.CreateTransport, { direction: 'send' })).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
  });

  it('carries chat both ways, stores a retried message once, and keeps the history', async () => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(owner, fixture);
    await joinAs(consultant, fixture);
    const clientMessageId = '8f0c2b7e-3b8a-4c59-9d1e-0a6f3d4c2b1a';
    const delivered = nextNotice(consultant, 'chat:message');
    const sent = await roomCall<{ id: string }>(owner, RoomRequest.SendChatMessage, { clientMessageId, text: 'Bella has been limping since Sunday.' });
    await expect(delivered).resolves.toMatchObject({ id: sent.id, text: 'Bella has been limping since Sunday.', sender: { role: 'owner' } });
    const retried = await roomCall<{ id: string }>(owner, RoomRequest.SendChatMessage, { clientMessageId, text: 'Bella has been limping since Sunday.' });
    expect(retried.id).toBe(sent.id);

    const reply = nextNotice(owner, 'chat:message');
    await roomCall(consultant, RoomRequest.SendChatMessage, { clientMessageId: 'a7e1d3c5-1111-4c59-9d1e-0a6f3d4c2b1a', text: 'Which leg?' });
    await expect(reply).resolves.toMatchObject({ text: 'Which leg?', sender: { role: 'consultant' } });
    const history = await roomCall<{ text: string }[]>(owner, RoomRequest.ChatHistory);
    expect(history.map((message) => message.text)).toEqual(['Bella has been limping since Sunday.', 'Which leg?']);
  });

  it('ends the consultation for everyone when the consultant ends it', async () => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(owner, fixture);
    await joinAs(consultant, fixture);
    await expect(roomRequest(owner, RoomRequest.End, {})).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    const closed = nextNotice(owner, 'room:closed');
    await roomCall(consultant, RoomRequest.End);
    await expect(closed).resolves.toEqual({ reason: 'ended' });
    await expect(roomRequest(owner, RoomRequest.Join, { consultationId: fixture.consultationId })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.ConsultationClosed },
    });
    const view = await fixture.consultant.agent.get(`/api/consultations/${fixture.consultationId}`).expect(200);
    expect(view.body.status).toBe('ended');
  });

  it('answers malformed and unknown messages with error codes, rate limits floods, and stays up', async () => {
    const { fixture, owner } = await meeting();
    await expect(roomRequest(owner, 'room:selfDestruct', {})).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.UnknownEvent } });
    for (const payload of [{ consultationId: 'nope' }, { consultationId: fixture.consultationId, admin: true }, [fixture.consultationId]]) {
      await expect(roomRequest(owner, RoomRequest.Join, payload)).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.ValidationFailed } });
    }
    for (const payload of [undefined, 'x', 7, null, { consumerId: fixture.consultationId, spatialLayer: 9 }]) {
      await expect(roomRequest(owner, RoomRequest.SetPreferredLayers, payload)).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.ValidationFailed } });
    }
    await joinAs(owner, fixture);
    const answers = await Promise.all(Array.from({ length: 80 }, () => roomRequest(owner, RoomRequest.Ping, {})));
    const limited = answers.filter((answer) => !answer.ok && answer.error.code === ErrorCode.RateLimited);
    expect(limited.length).toBeGreaterThan(0);
    expect(owner.connected).toBe(true);
    await request(testApp.baseUrl).get('/health').expect(200);
  });
  it("rebuilds a room's media on a live worker when its worker dies, and tells everyone in the call", async () => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(owner, fixture);
    await joinAs(consultant, fixture);
    await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
    const before = await roomCall<{ id: string }>(owner, RoomRequest.CreateTransport, { direction: 'send' });

    const pool = testApp.app.get(MediaWorkerPool);
    const ownerReset = nextNotice(owner, 'room:mediaReset');
    const consultantReset = nextNotice(consultant, 'room:mediaReset');
    process.kill(pool.status().pids[0], 'SIGKILL');
    const [reset] = await Promise.all([ownerReset, consultantReset]);
    expect(reset.rtpCapabilities.codecs?.length).toBeGreaterThan(0);

    await expect(roomRequest(owner, RoomRequest.ConnectTransport, { transportId: before.id, dtlsParameters: { role: 'client', fingerprints: [] } })).resolves.toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound },
    });
    const after = await roomCall<{ id: string }>(owner, RoomRequest.CreateTransport, { direction: 'send' });
    expect(after.id).not.toBe(before.id);
    const announced = nextNotice(consultant, 'media:newProducer');
    await roomCall(owner, RoomRequest.Produce, { transportId: after.id, kind: 'audio', rtpParameters: OPUS, appData: { source: 'microphone' } });
    await expect(announced).resolves.toMatchObject({ userId: fixture.owner.userId, kind: 'audio' });
  });
  it('closes the room for the waiting owner when the consultation is cancelled over HTTP', async () => {
    const { fixture, owner } = await meeting();
    await joinAs(owner, fixture);
    const closed = nextNotice(owner, 'room:closed');
    await fixture.consultant.agent.post(`/api/consultations/${fixture.consultationId}/cancel`).set(fixture.consultant.csrf).expect(200);
    await expect(closed).resolves.toEqual({ reason: 'cancelled' });
  });
  it("records the room's joins and chat in the clinic's audit log, never the words", async () => {
    const { fixture, owner, consultant } = await meeting();
    await joinAs(owner, fixture);
    await joinAs(consultant, fixture);
    await roomCall(owner, RoomRequest.SendChatMessage, { clientMessageId: randomUUID(), text: 'Secret symptoms' });

    const admin = await registerAndSignIn(testApp.baseUrl);
    const schemaOwner = new Client({ connectionString: testApp.database.url });
    await schemaOwner.connect();
    await schemaOwner.query("INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, 'clinic_admin')", [
      randomUUID(),
      fixture.clinicId,
      admin.session.account.id,
    ]);
    await schemaOwner.end();
    const page = await admin.agent.get(`/api/clinics/${fixture.clinicId}/audit-events?limit=100`).set('X-Clinic-Id', fixture.clinicId).expect(200);
    const events = page.body.events as { action: string; entityId: string | null; actorUserId: string | null }[];
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'consultation.join', entityId: fixture.consultationId, actorUserId: fixture.owner.userId }),
        expect.objectContaining({ action: 'consultation.join', entityId: fixture.consultationId, actorUserId: fixture.consultant.userId }),
        expect.objectContaining({ action: 'consultation.chat.send', actorUserId: fixture.owner.userId }),
      ]),
    );
    expect(JSON.stringify(page.body)).not.toContain('Secret symptoms');
  });
});
