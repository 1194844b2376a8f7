import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { RecordingView, ReviewableRecordingView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { clearWebm, joinClinic, rawGet, recordConsent, recordConsultation } from '../support/recordings';
import type { RecordedFixture, SegmentFixture } from '../support/recordings';
import { startTestApp, type TestApp } from '../support/test-app';

const REASON = 'The owner complained about the advice on diet';

/** A read's outcome is audited just after its last byte (or its cut): asks again for up to five seconds. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

describe('recordings: playback and support review over HTTP', () => {
  let testApp: TestApp;
  let fixture: ConsultationFixture;
  let support: SignedIn;
  let video: Buffer;
  let recorded: RecordedFixture;
  let schemaOwner: Client;

  const cookieOf = (agent: SignedIn['agent']) => {
    const jar = (agent as unknown as { jar: { getCookies(access: unknown): { toValueString(): string }[] } }).jar;
    const cookies = jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false });
    return cookies.map((cookie) => cookie.toValueString()).join('; ');
  };
  /** A segment's media read as a media element reads it: the session cookie, a Range, the clinic in the URL. */
  const media = (
    recording: { recordingId: string; segments: { id: string }[] },
    agent: SignedIn['agent'],
    options: { clinicId?: string; range?: string; onFirstBytes?: () => Promise<void> } = {},
  ) => {
    const path = `/api/recordings/${recording.recordingId}/segments/${recording.segments[0].id}/media`;
    const query = options.clinicId ? `?clinicId=${options.clinicId}` : '';
    const headers = { Cookie: cookieOf(agent), ...(options.range ? { Range: options.range } : {}) };
    return rawGet(`${testApp.baseUrl}${path}${query}`, headers, options.onFirstBytes);
  };
  const asSupport = () => ({ 'X-Clinic-Id': fixture.clinicId, 'X-CSRF-Token': support.session.csrfToken });
  const openReview = (recordingId: string, reason = REASON) =>
    support.agent.post(`/api/recordings/${recordingId}/reviews`).set(asSupport()).send({ reason });
  const reviewable = async () =>
    (await support.agent.get('/api/support/recordings').set(asSupport()).expect(200)).body as ReviewableRecordingView[];
  const reviewConsent = (granted: boolean) =>
    recordConsent(testApp.database.url, {
      consultationId: fixture.consultationId,
      userId: fixture.owner.userId,
      purpose: 'support_review',
      granted,
    });
  const auditCount = async (action: string, outcome: string) => {
    const sql = 'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND outcome = $2';
    return (await schemaOwner.query<{ n: number }>(sql, [action, outcome])).rows[0].n;
  };
  const recordOwnersVideo = (body: Buffer) => record([{ userId: fixture.owner.userId, kind: 'video', body }]);
  const record = (segments: SegmentFixture[]) =>
    recordConsultation(testApp.app.get(RecordingWriter), testApp.app.get(ObjectStorage), {
      consultationId: fixture.consultationId,
      startedBy: fixture.consultant.userId,
      segments,
    });

  beforeAll(async () => {
    testApp = await startTestApp();
    fixture = await createConsultationFor(testApp);
    support = await registerAndSignIn(testApp.baseUrl);
    await joinClinic(testApp.database.url, fixture.clinicId, support.session.account.id, 'support');
    schemaOwner = new Client({ connectionString: testApp.database.url });
    await schemaOwner.connect();
    video = clearWebm('video', 4);
    recorded = await record([
      { userId: fixture.owner.userId, kind: 'video', body: video },
      { userId: fixture.consultant.userId, kind: 'audio', body: clearWebm('audio', 4) },
    ]);
  });
  afterAll(async () => {
    await schemaOwner?.end();
    await testApp?.close();
  });

  it("lists the consultation's recording with its segments to both participants", async () => {
    for (const person of [fixture.owner, fixture.consultant]) {
      const answer = await person.agent.get(`/api/consultations/${fixture.consultationId}/recordings`).expect(200);
      const listed = answer.body as RecordingView[];
      expect(listed).toHaveLength(1);
      const { consultationId } = fixture;
      expect(listed[0]).toMatchObject({ id: recorded.recordingId, status: 'stopped', consultationId });
      const described = listed[0].segments.map((s) => [s.role, s.kind, s.source, s.codec, s.outcome, s.playable]);
      expect(described).toEqual([
        ['owner', 'video', 'camera', 'vp8', 'completed', true],
        ['consultant', 'audio', 'microphone', 'opus', 'completed', true],
      ]);
      expect(JSON.stringify(listed)).not.toMatch(/object_?key|journal|wrapped/i);
    }
  });

  it('plays a segment decrypted, whole and by byte range, equal to the clear file', async () => {
    const whole = await media(recorded, fixture.owner.agent);
    const type = whole.headers['content-type'];
    const expected = { status: 200, complete: true, type: 'video/webm; codecs="vp8"' };
    expect({ status: whole.status, complete: whole.complete, type }).toEqual(expected);
    expect(whole.body.equals(video)).toBe(true);
    // The owner acts in no clinic; the read still reaches the clinic's audit log, as reads of chat files do. It is
    // audited once its outcome is known, just after the last byte left: wait for it.
    const sql = `SELECT DISTINCT clinic_id FROM audit_events
      WHERE action = 'recording.media.read' AND outcome = 'success' AND actor_user_id = $1`;
    const clinics = async () => (await schemaOwner.query(sql, [fixture.owner.userId])).rows;
    const audited = await eventually(clinics, (rows) => rows.length > 0);
    expect(audited).toEqual([{ clinic_id: fixture.clinicId }]);
    const start = 20_000;
    const end = Math.min(video.length - 1, 61_234);
    const span = await media(recorded, fixture.consultant.agent, { range: `bytes=${start}-${end}` });
    expect({ status: span.status, range: span.headers['content-range'], complete: span.complete }).toEqual({
      status: 206,
      range: `bytes ${start}-${end}/${video.length}`,
      complete: true,
    });
    expect(span.body.equals(video.subarray(start, end + 1))).toBe(true);
    expect(span.headers['content-security-policy']).toContain("default-src 'none'");
    expect(span.headers['cache-control']).toBe('private, no-store');
    const beyond = await fixture.owner.agent
      .get(`/api/recordings/${recorded.recordingId}/segments/${recorded.segments[0].id}/media`)
      .set('Range', `bytes=${video.length + 10}-`);
    expect({ status: beyond.status, code: beyond.body.code }).toEqual({ status: 416, code: 'RANGE_NOT_SATISFIABLE' });
  });

  it('cuts the response off, never a silent short file, when a stored byte was changed', async () => {
    const storage = testApp.app.get(ObjectStorage);
    const damaged = await recordOwnersVideo(video);
    const key = damaged.segments[0].objectKey as string;
    const stored = Buffer.concat(await (await storage.get(key)).toArray());
    // In the last chunk, so the response has begun when decryption finds the damage.
    stored[stored.length - 100] ^= 0x01;
    await storage.put(key, Readable.from([stored]));
    const failuresBefore = await auditCount('recording.media.read', 'failure');
    const read = await media(damaged, fixture.owner.agent);
    expect(read.status).toBe(200);
    expect(read.complete).toBe(false);
    expect(read.body.length).toBeLessThan(video.length);
    const failures = await eventually(() => auditCount('recording.media.read', 'failure'), (n) => n > failuresBefore);
    expect(failures).toBe(failuresBefore + 1);
  });

  it("lets support review only while the owner's consent stands, with a reason, audited per byte range", async () => {
    expect(await reviewable()).toEqual([]);
    await openReview(recorded.recordingId).expect(404);
    await reviewConsent(true);
    const listed = (await reviewable()).map((row) => [row.id, row.grantExpiresAt]);
    expect(listed).toContainEqual([recorded.recordingId, null]);
    await support.agent.get(`/api/recordings/${recorded.recordingId}`).set(asSupport()).expect(404);
    const short = await openReview(recorded.recordingId, 'because');
    expect({ status: short.status, code: short.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const grant = (await openReview(recorded.recordingId).expect(201)).body;
    const hours = (Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)) / 3_600_000;
    expect(hours).toBeCloseTo(72, 3);
    expect((await reviewable()).find((row) => row.id === recorded.recordingId)?.grantExpiresAt).toBe(grant.expiresAt);
    await support.agent.get(`/api/recordings/${recorded.recordingId}`).set(asSupport()).expect(200);

    const span = await media(recorded, support.agent, { clinicId: fixture.clinicId, range: 'bytes=100-4099' });
    expect({ status: span.status, complete: span.complete }).toEqual({ status: 206, complete: true });
    expect(span.body.equals(video.subarray(100, 4100))).toBe(true);
    // Without the clinic it acts in, support is nobody here.
    expect((await media(recorded, support.agent)).status).toBe(404);
    const reads = await schemaOwner.query(
      'SELECT grant_id, segment_id, range_start, range_end, support_user_id FROM recording_review_reads',
    );
    expect(reads.rows).toEqual([
      {
        grant_id: grant.id,
        segment_id: recorded.segments[0].id,
        range_start: '100',
        range_end: '4099',
        support_user_id: support.session.account.id,
      },
    ]);
    const roleSql = `SELECT DISTINCT actor_role, clinic_id FROM audit_events WHERE action = 'recording.review.read'`;
    expect((await schemaOwner.query(roleSql)).rows).toEqual([{ actor_role: 'support', clinic_id: fixture.clinicId }]);
    const reasonSql = 'SELECT reason FROM recording_review_grants WHERE id = $1';
    const [reason] = (await schemaOwner.query(reasonSql, [grant.id])).rows;
    expect(reason).toEqual({ reason: REASON });
    expect(await auditCount('recording.review.read', 'success')).toBe(1);
  });

  it("ends a review's playback in progress within seconds of the owner's withdrawal, and later reads", async () => {
    // Big enough that the response cannot sit in socket buffers whole: the server is still sending when consent goes.
    const big = randomBytes(48 * 1024 * 1024);
    const long = await recordOwnersVideo(big);
    await reviewConsent(true);
    await openReview(long.recordingId).expect(201);
    const deniedBefore = await auditCount('recording.review.read', 'denied');
    const read = await media(long, support.agent, {
      clinicId: fixture.clinicId,
      onFirstBytes: async () => {
        await reviewConsent(false);
        // The reader holds still for a moment, as a paused player would; the server must not wait for it.
        await new Promise((resolve) => setTimeout(resolve, 2500));
      },
    });
    expect(read.status).toBe(200);
    expect(read.complete).toBe(false);
    expect(read.body.length).toBeLessThan(big.length);
    const denied = await eventually(() => auditCount('recording.review.read', 'denied'), (n) => n > deniedBefore);
    expect(denied).toBe(deniedBefore + 1);
    await support.agent.get(`/api/recordings/${long.recordingId}`).set(asSupport()).expect(404);
    expect((await media(long, support.agent, { clinicId: fixture.clinicId })).status).toBe(404);
    expect(await reviewable()).toEqual([]);
  });

  it('shows the clinic admin metadata only, and never media', async () => {
    const admin = await registerAndSignIn(testApp.baseUrl);
    await joinClinic(testApp.database.url, fixture.clinicId, admin.session.account.id, 'clinic_admin');
    const inClinic = { 'X-Clinic-Id': fixture.clinicId };
    const answer = await admin.agent.get(`/api/clinics/${fixture.clinicId}/recordings`).set(inClinic).expect(200);
    const listed = answer.body;
    expect(listed.map((row: { id: string }) => row.id)).toContain(recorded.recordingId);
    const fields = ['consultationId', 'id', 'retentionUntil', 'sizeBytes', 'startedAt', 'status', 'stoppedAt'];
    expect(Object.keys(listed[0]).sort()).toEqual(fields);
    await admin.agent.get(`/api/recordings/${recorded.recordingId}`).set(inClinic).expect(404);
    expect((await media(recorded, admin.agent, { clinicId: fixture.clinicId })).status).toBe(404);
  });
});
