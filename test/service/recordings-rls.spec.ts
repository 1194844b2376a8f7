import { randomUUID } from 'node:crypto';
import type { ActingScope } from '../../apps/api/src/database/database-context';
import type { NewSegment } from '../../apps/api/src/recordings/recording-manifest';
import { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { clearWebm, recordConsultation } from '../support/recordings';
import { createRecordingWorld, type RecordingWorld } from '../support/recording-world';

const REASON = 'Complaint about the advice given';

describe('recordings under row-level security', () => {
  let world: RecordingWorld;
  const rows = <T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
    world.db.run(scope, (manager) => manager.query<T[]>(sql, parameters));
  /** As the schema owner, past row-level security: what is really stored. */
  const stored = async <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []) =>
    (await world.schemaOwner.query(sql, parameters)).rows as T[];
  const sqlState = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code);
  const ids = async (scope: ActingScope, sql: string) => (await rows<{ id: string }>(scope, sql)).map((row) => row.id);
  const visibleRecordings = (scope: ActingScope) => ids(scope, 'SELECT id FROM recordings');
  const visibleSegments = async (scope: ActingScope) => (await ids(scope, 'SELECT id FROM recording_segments')).length;
  const reviewable = (scope: ActingScope) => ids(scope, 'SELECT id FROM support_reviewable_recordings()');
  const openGrant = (scope: ActingScope, recordingId: string, clinicId = scope.clinicId) =>
    rows(
      scope,
      `INSERT INTO recording_review_grants (id, recording_id, clinic_id, support_user_id, reason, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '72 hours')`,
      [randomUUID(), recordingId, clinicId, scope.userId, REASON],
    );
  const allowed = async (scope: ActingScope, recordingId: string) =>
    (await rows<{ ok: boolean }>(scope, 'SELECT recording_review_allowed($1) AS ok', [recordingId]))[0].ok;
  const newSegment = (recordingId: string, values: Partial<NewSegment> = {}): NewSegment => {
    const id = randomUUID();
    const segment = { id, recordingId, userId: world.people.owner, kind: 'video' as const, source: 'screen' as const };
    const journalKey = `recording-journal/${recordingId}/${id}`;
    return { ...segment, codec: 'vp8', mimeType: 'video/webm', journalKey, ...values };
  };

  beforeAll(async () => {
    world = await createRecordingWorld();
  });
  afterAll(() => world?.close());

  const record = (body = true) =>
    recordConsultation(world.writer, world.storage, {
      consultationId: world.consultation,
      startedBy: world.people.consultant,
      segments: [
        { userId: world.people.owner, kind: 'video', body: body ? clearWebm('video') : undefined },
        { userId: world.people.consultant, kind: 'audio', body: body ? clearWebm('audio') : undefined },
      ],
    });

  it('takes the clinic from the consultation, keeps it 12 months, counts segment sizes once', async () => {
    const started = await world.writer.createRecording(world.consultation, world.people.consultant);
    const [row] = await stored(
      `SELECT clinic_id, status, retention_until = started_at + interval '12 months' AS twelve_months,
              wrapped_data_key IS NOT NULL AS keyed FROM recordings WHERE id = $1`,
      [started.id],
    );
    expect(row).toEqual({ clinic_id: world.clinicA, status: 'recording', twelve_months: true, keyed: true });
    const segment = newSegment(started.id);
    const added = await world.writer.addSegment(segment);
    expect(added).toMatchObject({ sequence: 1 });
    expect(added.offsetMs).toBeGreaterThanOrEqual(0);
    const object = {
      key: `recordings/${started.id}/${segment.id}`,
      chunkSize: 65536,
      storedBytes: 1234,
      plaintextBytes: 1200,
      chunkCount: 1,
      tagDigest: 'ab'.repeat(32),
      durationMs: 1000,
    };
    expect(await world.writer.endSegment(segment.id, { outcome: 'completed', stored: object })).toBe(true);
    expect(await world.writer.endSegment(segment.id, { outcome: 'cut', stored: null })).toBe(false);
    const [kept] = await stored(
      `SELECT outcome, object_key, size_bytes, plaintext_bytes, chunk_size, chunk_count,
              encode(tag_chain, 'hex') AS tags, duration_ms FROM recording_segments WHERE id = $1`,
      [segment.id],
    );
    expect(kept).toEqual({
      outcome: 'completed',
      object_key: object.key,
      size_bytes: '1234',
      plaintext_bytes: '1200',
      chunk_size: 65536,
      chunk_count: 1,
      tags: 'ab'.repeat(32),
      duration_ms: '1000',
    });
    expect(await world.writer.setStatus(started.id, 'paused')).toBe(true);
    expect(await world.writer.setStatus(started.id, 'stopped', 'consultant_stopped')).toBe(true);
    expect(await world.writer.setStatus(started.id, 'recording')).toBe(false);
    const [after] = await stored('SELECT status, size_bytes, stop_reason FROM recordings WHERE id = $1', [started.id]);
    expect(after).toEqual({ status: 'stopped', size_bytes: '1234', stop_reason: 'consultant_stopped' });
    const late = world.writer.addSegment(newSegment(started.id, { kind: 'audio', source: 'microphone' }));
    await expect(late).rejects.toMatchObject({ code: 'P0002' });
  });

  it('shows recordings and segments to the participants only; admins get metadata in their clinic only', async () => {
    const { recordingId } = await record();
    for (const person of ['owner', 'consultant'] as const) {
      expect(await visibleRecordings(world.as(person))).toContain(recordingId);
      expect(await visibleSegments(world.as(person))).toBeGreaterThanOrEqual(2);
    }
    for (const person of ['otherOwner', 'otherConsultant', 'support', 'admin', 'otherAdmin', 'otherSupport'] as const) {
      const scope = world.as(person);
      const seen = { person, recordings: await visibleRecordings(scope), segments: await visibleSegments(scope) };
      expect(seen).toEqual({ person, recordings: [], segments: 0 });
    }
    const summarySql = 'SELECT * FROM clinic_recording_summaries($1)';
    const summaries = await rows<Record<string, unknown>>(world.as('admin'), summarySql, [world.clinicA]);
    expect(summaries.map((row) => row.id)).toContain(recordingId);
    expect(Object.keys(summaries[0]).sort()).toEqual([
      'consultation_id',
      'id',
      'retention_until',
      'size_bytes',
      'started_at',
      'status',
      'stopped_at',
    ]);
    for (const person of ['otherAdmin', 'consultant', 'support', 'owner'] as const) {
      expect(await rows(world.as(person), summarySql, [world.clinicA])).toEqual([]);
    }
  });

  it('lets the runtime role write and delete recordings only through the recorder functions', async () => {
    const { recordingId } = await record(false);
    for (const person of ['owner', 'consultant', 'admin'] as const) {
      const scope = world.as(person);
      const refused = async (sql: string, parameters: unknown[]) =>
        expect(await sqlState(rows(scope, sql, parameters))).toBe('42501');
      await refused('DELETE FROM recordings WHERE id = $1', [recordingId]);
      await refused('DELETE FROM recording_segments WHERE recording_id = $1', [recordingId]);
      await refused('UPDATE recordings SET retention_until = now() WHERE id = $1', [recordingId]);
      await refused(
        `INSERT INTO recordings (id, consultation_id, clinic_id, started_by, retention_until)
         VALUES ($1, $2, $3, $4, now())`,
        [randomUUID(), world.consultation, world.clinicA, world.people.consultant],
      );
    }
  });

  it("opens support review only while the owner's consent stands, through an active grant of one's own", async () => {
    const { recordingId } = await record();
    const support = world.as('support');
    expect(await sqlState(openGrant(support, recordingId))).toBe('42501');
    expect(await reviewable(support)).toEqual([]);
    await world.consent('owner', 'support_review', true);
    expect(await reviewable(support)).toContain(recordingId);
    // Consent alone opens nothing: a grant with its reason does.
    expect(await visibleRecordings(support)).toEqual([]);
    expect(await sqlState(openGrant(world.as('otherSupport'), recordingId))).toBe('42501');
    expect(await sqlState(openGrant(world.as('otherSupport'), recordingId, world.clinicA))).toBe('42501');
    expect(await sqlState(openGrant(world.as('otherConsultant'), recordingId))).toBe('42501');
    expect(await sqlState(openGrant(support, recordingId))).toBe('ok');
    expect(await visibleRecordings(support)).toContain(recordingId);
    expect(await visibleSegments(support)).toBeGreaterThanOrEqual(2);
    expect(await allowed(support, recordingId)).toBe(true);
    // Acting outside the clinic (no X-Clinic-Id) the grant does not apply.
    expect(await allowed({ userId: world.people.support, clinicId: null }, recordingId)).toBe(false);
    expect(await visibleRecordings(world.as('otherSupport'))).toEqual([]);
    expect(await reviewable(world.as('otherSupport'))).toEqual([]);

    await world.consent('owner', 'support_review', false);
    expect(await allowed(support, recordingId)).toBe(false);
    expect(await visibleRecordings(support)).toEqual([]);
    expect(await reviewable(support)).toEqual([]);
    const endedSql = 'SELECT ended_reason FROM recording_review_grants WHERE recording_id = $1';
    expect(await stored(endedSql, [recordingId])).toEqual([{ ended_reason: 'consent_withdrawn' }]);
    // A consultant's withdrawal is not the owner's: only the owner's support_review counts.
    await world.consent('owner', 'support_review', true);
    expect(await allowed(support, recordingId)).toBe(false);
    expect(await sqlState(openGrant(support, recordingId))).toBe('ok');
    await world.consent('consultant', 'support_review', false);
    expect(await allowed(support, recordingId)).toBe(true);

    await stored(
      `UPDATE recording_review_grants
          SET granted_at = now() - interval '4 days', expires_at = now() - interval '1 second'
        WHERE recording_id = $1`,
      [recordingId],
    );
    expect(await allowed(support, recordingId)).toBe(false);
    expect(await visibleRecordings(support)).toEqual([]);
  });

  it('marks recordings a dead process left open as interrupted, listing open segments for recovery', async () => {
    const open = await recordConsultation(world.writer, world.storage, {
      consultationId: world.consultation,
      startedBy: world.people.consultant,
      segments: [{ userId: world.people.owner }],
      stop: false,
    });
    const { recordingIds, openSegments } = await world.writer.markInterrupted();
    expect(recordingIds).toContain(open.recordingId);
    const [segment] = open.segments;
    const expected = { recordingId: open.recordingId, segmentId: segment.id, journalKey: segment.journalKey };
    expect(openSegments).toContainEqual(expect.objectContaining(expected));
    const [row] = await stored('SELECT status, stop_reason FROM recordings WHERE id = $1', [open.recordingId]);
    expect(row).toEqual({ status: 'interrupted', stop_reason: 'server_restart' });
    // The journal's recovery still ends the segment afterwards.
    expect(await world.writer.endSegment(segment.id, { outcome: 'interrupted', stored: null })).toBe(true);
    expect((await world.writer.markInterrupted()).recordingIds).not.toContain(open.recordingId);
  });

  it('shreds the wrapped data key first, in its own committed step, then the objects, then the rows', async () => {
    const recorded = await record();
    const keyOf = 'SELECT wrapped_data_key FROM recordings WHERE id = $1';
    const keysWhenDeleted: (Buffer | null)[] = [];
    const storage = Object.create(world.storage) as typeof world.storage;
    storage.delete = async (key: string) => {
      const [row] = await stored<{ wrapped_data_key: Buffer | null }>(keyOf, [recorded.recordingId]);
      keysWhenDeleted.push(row.wrapped_data_key);
      if (key.startsWith('recording-journal/')) throw new Error('the store is down');
      return world.storage.delete(key);
    };
    await new RecordingWriter(world.db, world.repository, world.keyRing, storage).shred(recorded.recordingId);
    expect(keysWhenDeleted).toHaveLength(4);
    expect(keysWhenDeleted.every((key) => key === null)).toBe(true);
    for (const { objectKey } of recorded.segments) {
      await expect(world.storage.stat(objectKey as string)).rejects.toThrow();
    }
    const [row] = await stored(
      'SELECT wrapped_data_key, deleted_at IS NOT NULL AS deleted, size_bytes FROM recordings WHERE id = $1',
      [recorded.recordingId],
    );
    expect(row).toEqual({ wrapped_data_key: null, deleted: true, size_bytes: '0' });
    const segmentsLeft = 'SELECT count(*)::int AS n FROM recording_segments WHERE recording_id = $1';
    expect(await stored(segmentsLeft, [recorded.recordingId])).toEqual([{ n: 0 }]);
    expect(await visibleRecordings(world.as('owner'))).not.toContain(recorded.recordingId);
  });

  it('refuses to finish a shred whose key still stands', async () => {
    const { recordingId } = await record(false);
    const nobody = { userId: null, clinicId: null };
    const finish = world.db.run(nobody, (manager) => world.repository.shredFinish(manager, recordingId));
    await expect(finish).rejects.toMatchObject({ code: '55000' });
  });
});
