import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { RecordingView, ReviewableRecordingView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { clearWebm, joinClinic, rawGet, recordConsent, recordConsultation, type RecordedFixture } from '../support/recordings';
import { startTestApp, type TestApp } from '../support/test-app';

const REASON = 'The owner complained about the advice on diet';

describe('recordings: playback and support review over HTTP', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let support: SignedIn;
  let video: Buffer;
  let recorded: RecordedFixture;
  let schemaOwner: Client;

  const cookieOf = (agent: SignedIn['agent']) => {
    const jar = (agent as unknown as { jar: { getCookies(access: unknown): { toValueString(): string }[] } }).jar;
    return jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).map((cookie) => cookie.toValueString()).join('; ');
  };
  const mediaUrl = (recordingId: string, segmentId: string, clinicId?: string) =>
    `${testApp.baseUrl}/api/recordings/${recordingId}/segments/${segmentId}/media${clinicId ? `?clinicId=${clinicId}` : ''}`;
  const asSupport = () => ({ 'X-Clinic-Id': fixture.clinicId, 'X-CSRF-Token': support.session.csrfToken });
  const auditCount = async (action: string, outcome: string) =>
    (await schemaOwner.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND outcome = $2', [action, outcome])).rows[0].n;

  beforeAll(async () => {
    testApp = await startTestApp();
    fixture = await createConsultationFor(testApp);
    support = await registerAndSignIn(testApp.baseUrl);
    await joinClinic(testApp.database.url, fixture.clinicId, support.session.account.id, 'support');
    schemaOwner = new Client({ connectionString: testApp.database.url });
    await schemaOwner.connect();
    video = clearWebm('video', 4);
    recorded = await recordConsultation(testApp.app.get(RecordingWriter), testApp.app.get(ObjectStorage), {
      consultationId: fixture.consultationId,
      startedBy: fixture.consultant.userId,
      segments: [
        { userId: fixture.owner.userId, kind: 'video', body: video },
        { userId: fixture.consultant.userId, kind: 'audio', body: clearWebm('audio', 4) },
      ],
    });
  });
  afterAll(async () => {
    await schemaOwner?.end();
    await testApp?.close();
  });

  it("lists the consultation's recording with its segments to both participants", async () => {
    for (const person of [fixture.owner, fixture.consultant]) {
      const listed = (await person.agent.get(`/api/consultations/${fixture.consultationId}/recordings`).expect(200)).body as RecordingView[];
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: recorded.recordingId, status: 'stopped', consultationId: fixture.consultationId });
      expect(listed[0].segments.map((segment) => [segment.role, segment.kind, segment.source, segment.codec, segment.outcome, segment.playable])).toEqual([
        ['owner', 'video', 'camera', 'vp8', 'completed', true],
        ['consultant', 'audio', 'microphone', 'opus', 'completed', true],
      ]);
      expect(JSON.stringify(listed)).not.toMatch(/object_?key|journal|wrapped/i);
    }
  });

  it('plays a segment decrypted, whole and by byte range, equal to the clear file', async () => {
    const [segment] = recorded.segments;
    const whole = await rawGet(mediaUrl(recorded.recordingId, segment.id), { Cookie: cookieOf(fixture.owner.agent) });
    expect({ status: whole.status, complete: whole.complete, type: whole.headers['content-type'] }).toEqual({ status: 200, complete: true, type: 'video/webm; codecs="vp8"' });
    expect(whole.body.equals(video)).toBe(true);
    const start = 20_000;
    const end = Math.min(video.length - 1, 61_234);
    const span = await rawGet(mediaUrl(recorded.recordingId, segment.id), { Cookie: cookieOf(fixture.consultant.agent), Range: `bytes=${start}-${end}` });
    expect({ status: span.status, range: span.headers['content-range'], complete: span.complete }).toEqual({
      status: 206,
      range: `bytes ${start}-${end}/${video.length}`,
      complete: true,
    });
    expect(span.body.equals(video.subarray(start, end + 1))).toBe(true);
    expect(span.headers['content-security-policy']).toContain("default-src 'none'");
    expect(span.headers['cache-control']).toBe('private, no-store');
    const beyond = await fixture.owner.agent.get(`/api/recordings/${recorded.recordingId}/segments/${segment.id}/media`).set('Range', `bytes=${video.length + 10}-`);
    expect({ status: beyond.status, code: beyond.body.code }).toEqual({ status: 416, code: 'RANGE_NOT_SATISFIABLE' });
  });

  it('cuts the response off, never a silent short file, when a stored byte was changed', async () => {
    const storage = testApp.app.get(ObjectStorage);
    const damaged = await recordConsultation(testApp.app.get(RecordingWriter), storage, {
      consultationId: fixture.consultationId,
      startedBy: fixture.consultant.userId,
      segments: [{ userId: fixture.owner.userId, kind: 'video', body: video }],
    });
    const key = damaged.segments[0].objectKey as string;
    const stored = Buffer.concat(await (await storage.get(key)).toArray());
    // In the last chunk, so the response has begun when decryption finds the damage.
    stored[stored.length - 100] ^= 0x01;
    await storage.put(key, Readable.from([stored]));
    const read = await rawGet(mediaUrl(damaged.recordingId, damaged.segments[0].id), { Cookie: cookieOf(fixture.owner.agent) });
    expect(read.status).toBe(200);
    expect(read.complete).toBe(false);
    expect(read.body.length).toBeLessThan(video.length);
    expect(await auditCount('recording.media.read', 'failure')).toBeGreaterThanOrEqual(1);
  });

  it("lets support review only while the owner's consent stands, with a reason, audited per byte range", async () => {
    const reviewable = () => support.agent.get('/api/support/recordings').set(asSupport()).expect(200).then((r) => r.body as ReviewableRecordingView[]);
    expect(await reviewable()).toEqual([]);
    await support.agent.post(`/api/recordings/${recorded.recordingId}/reviews`).set(asSupport()).send({ reason: REASON }).expect(404);
    await recordConsent(testApp.database.url, { consultationId: fixture.consultationId, userId: fixture.owner.userId, purpose: 'support_review', granted: true });
    expect((await reviewable()).map((row) => [row.id, row.grantExpiresAt])).toContainEqual([recorded.recordingId, null]);
    await support.agent.get(`/api/recordings/${recorded.recordingId}`).set(asSupport()).expect(404);
    const short = await support.agent.post(`/api/recordings/${recorded.recordingId}/reviews`).set(asSupport()).send({ reason: 'because' });
    expect({ status: short.status, code: short.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const grant = (await support.agent.post(`/api/recordings/${recorded.recordingId}/reviews`).set(asSupport()).send({ reason: REASON }).expect(201)).body;
    const hours = (Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)) / 3_600_000;
    expect(hours).toBeCloseTo(72, 3);
    expect((await reviewable()).find((row) => row.id === recorded.recordingId)?.grantExpiresAt).toBe(grant.expiresAt);
    await support.agent.get(`/api/recordings/${recorded.recordingId}`).set(asSupport()).expect(200);

    const segment = recorded.segments[0];
    const span = await rawGet(mediaUrl(recorded.recordingId, segment.id, fixture.clinicId), { Cookie: cookieOf(support.agent), Range: 'bytes=100-4099' });
    expect({ status: span.status, complete: span.complete }).toEqual({ status: 206, complete: true });
    expect(span.body.equals(video.subarray(100, 4100))).toBe(true);
    // Without the clinic it acts in, support is nobody here.
    expect((await rawGet(mediaUrl(recorded.recordingId, segment.id), { Cookie: cookieOf(support.agent) })).status).toBe(404);
    const reads = await schemaOwner.query('SELECT grant_id, segment_id, range_start, range_end, support_user_id FROM recording_review_reads');
    expect(reads.rows).toEqual([{ grant_id: grant.id, segment_id: segment.id, range_start: '100', range_end: '4099', support_user_id: support.session.account.id }]);
    const [reason] = (await schemaOwner.query('SELECT reason FROM recording_review_grants WHERE id = $1', [grant.id])).rows;
    expect(reason).toEqual({ reason: REASON });
    expect(await auditCount('recording.review.read', 'success')).toBe(1);
  });

  it("ends a review's playback in progress within seconds of the owner's withdrawal, and every later request", async () => {
    const storage = testApp.app.get(ObjectStorage);
    // Big enough that the response cannot sit in socket buffers whole: the server is still sending when consent goes.
    const big = randomBytes(48 * 1024 * 1024);
    const long = await recordConsultation(testApp.app.get(RecordingWriter), storage, {
      consultationId: fixture.consultationId,
      startedBy: fixture.consultant.userId,
      segments: [{ userId: fixture.owner.userId, kind: 'video', body: big }],
    });
    await recordConsent(testApp.database.url, { consultationId: fixture.consultationId, userId: fixture.owner.userId, purpose: 'support_review', granted: true });
    await support.agent.post(`/api/recordings/${long.recordingId}/reviews`).set(asSupport()).send({ reason: REASON }).expect(201);
    const deniedBefore = await auditCount('recording.review.read', 'denied');
    const started = Date.now();
    let withdrawnAt = 0;
    const read = await rawGet(mediaUrl(long.recordingId, long.segments[0].id, fixture.clinicId), { Cookie: cookieOf(support.agent) }, async () => {
      await recordConsent(testApp.database.url, { consultationId: fixture.consultationId, userId: fixture.owner.userId, purpose: 'support_review', granted: false });
      withdrawnAt = Date.now();
      // The reader holds still for a moment, as a paused player would; the server must not wait for it.
      await new Promise((resolve) => setTimeout(resolve, 2500));
    });
    expect(read.status).toBe(200);
    expect(read.complete).toBe(false);
    expect(read.body.length).toBeLessThan(big.length);
    expect(withdrawnAt).toBeGreaterThan(started);
    expect(await auditCount('recording.review.read', 'denied')).toBeGreaterThan(deniedBefore);
    await support.agent.get(`/api/recordings/${long.recordingId}`).set(asSupport()).expect(404);
    expect((await rawGet(mediaUrl(long.recordingId, long.segments[0].id, fixture.clinicId), { Cookie: cookieOf(support.agent) })).status).toBe(404);
    expect(await support.agent.get('/api/support/recordings').set(asSupport()).expect(200).then((r) => r.body)).toEqual([]);
  });

  it('shows the clinic admin metadata only, and never media', async () => {
    const admin = await registerAndSignIn(testApp.baseUrl);
    await joinClinic(testApp.database.url, fixture.clinicId, admin.session.account.id, 'clinic_admin');
    const listed = (await admin.agent.get(`/api/clinics/${fixture.clinicId}/recordings`).set('X-Clinic-Id', fixture.clinicId).expect(200)).body;
    expect(listed.map((row: { id: string }) => row.id)).toContain(recorded.recordingId);
    expect(Object.keys(listed[0]).sort()).toEqual(['consultationId', 'id', 'retentionUntil', 'sizeBytes', 'startedAt', 'status', 'stoppedAt']);
    await admin.agent.get(`/api/recordings/${recorded.recordingId}`).set('X-Clinic-Id', fixture.clinicId).expect(404);
    expect((await rawGet(mediaUrl(recorded.recordingId, recorded.segments[0].id, fixture.clinicId), { Cookie: cookieOf(admin.agent) })).status).toBe(404);
  });
});
