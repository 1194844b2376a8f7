import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stream } from 'node:stream';
import { ErrorCode, type ChatMessageView } from '@vetmeet/contracts';
import { Client } from 'pg';
import type { Actor } from '../../apps/api/src/auth/actor';
import { ConsultationChatService } from '../../apps/api/src/consultation-chat/consultation-chat.service';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createConsultationFor, setConsultationStatus, type ConsultationFixture } from '../support/consultations';
import { mp4OfSize } from '../support/fake-files';
import { startTestApp, type TestApp } from '../support/test-app';

const PNG = readFileSync(join(__dirname, '../fixtures/attachments/photo.png'));
const PDF = readFileSync(join(__dirname, '../fixtures/attachments/lab-result.pdf'));
const EXE = readFileSync(join(__dirname, '../fixtures/attachments/program.exe'));

const actorOf = (userId: string): Actor => ({ userId, sessionId: 'socket-session', clinicId: null, roles: [] });
const binary = (response: Stream, callback: (error: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  response.on('data', (part: Buffer) => parts.push(part));
  response.on('end', () => callback(null, Buffer.concat(parts)));
};

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe("a consultation's chat and shared files", () => {
  let testApp: TestApp;
  let db: Client;
  let storageDir: string;
  let chat: ConsultationChatService;
  let stranger: SignedIn;

  const messageRows = async (consultationId: string) => (await db.query('SELECT * FROM consultation_messages WHERE consultation_id = $1 ORDER BY created_at', [consultationId])).rows;
  const fileRows = async (consultationId: string) => (await db.query('SELECT * FROM consultation_files WHERE consultation_id = $1', [consultationId])).rows;
  const audited = async (entityId: string) => (await db.query('SELECT action, outcome FROM audit_events WHERE entity_id = $1 ORDER BY chain_seq', [entityId])).rows;
  const share = (who: ConsultationFixture['owner'], consultationId: string, bytes: Buffer, fileName: string, contentType: string, clientMessageId?: string) => {
    const upload = who.agent.post(`/api/consultations/${consultationId}/files`).set(who.csrf);
    return (clientMessageId ? upload.field('clientMessageId', clientMessageId) : upload).attach('file', bytes, { filename: fileName, contentType });
  };

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'vetmeet-chat-files-'));
    // A small quota of shared files, so one test can reach it; the others share files of a kilobyte.
    testApp = await startTestApp({ STORAGE_DIR: storageDir, TRUST_PROXY: 'loopback', CONSULTATION_FILES_QUOTA_MB: '1' });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    chat = testApp.app.get(ConsultationChatService);
    stranger = await registerAndSignIn(testApp.baseUrl);
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('stores a retried message once, encrypted, and shows both participants the same history', async () => {
    const fixture = await createConsultationFor(testApp);
    const owner = actorOf(fixture.owner.userId);
    const consultant = actorOf(fixture.consultant.userId);
    const clientMessageId = randomUUID();
    const first = await chat.append(owner, fixture.consultationId, clientMessageId, '  Barsik has not eaten since yesterday  ');
    const retried = await chat.append(owner, fixture.consultationId, clientMessageId, 'Barsik has not eaten since yesterday');
    expect(retried).toEqual(first);
    expect(first).toMatchObject({
      consultationId: fixture.consultationId,
      clientMessageId,
      sender: { userId: fixture.owner.userId, displayName: 'Maria Kovalenko', role: 'owner' },
      text: 'Barsik has not eaten since yesterday',
      attachment: null,
    });
    const reply = await chat.append(consultant, fixture.consultationId, clientMessageId, 'How much water does he drink?');
    expect(reply.id).not.toBe(first.id);

    const stored = await messageRows(fixture.consultationId);
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.text_encrypted.subarray(0, 4).toString('latin1')).toBe('VMEF');
      expect(row.text_encrypted.includes(Buffer.from('Barsik'))).toBe(false);
      expect(row.text_encrypted.includes(Buffer.from('water'))).toBe(false);
    }
    expect((await db.query('SELECT count(*)::int AS count FROM consultation_chat_keys WHERE consultation_id = $1', [fixture.consultationId])).rows[0].count).toBe(1);

    for (const who of [fixture.owner, fixture.consultant]) {
      const history = (await who.agent.get(`/api/consultations/${fixture.consultationId}/messages`).expect(200)).body as ChatMessageView[];
      expect(history.map((message) => [message.sender.role, message.text])).toEqual([
        ['owner', 'Barsik has not eaten since yesterday'],
        ['consultant', 'How much water does he drink?'],
      ]);
    }
    expect(await chat.history(consultant, fixture.consultationId)).toHaveLength(2);
    expect(await audited(first.id)).toEqual([
      { action: 'consultation.chat.send', outcome: 'success' },
      { action: 'consultation.chat.send', outcome: 'success' },
    ]);
    expect((await audited(fixture.consultationId)).filter((event: { action: string }) => event.action === 'consultation.chat.read')).toHaveLength(3);
    const everything = JSON.stringify((await db.query('SELECT * FROM audit_events')).rows);
    expect(everything).not.toMatch(/Barsik has not|water/);
  });

  it('keeps the chat from everyone else, and nothing they try leaves a trace in it', async () => {
    const fixture = await createConsultationFor(testApp);
    await chat.append(actorOf(fixture.owner.userId), fixture.consultationId, randomUUID(), 'hello');
    const strangerId = stranger.session.account.id;
    const colleague = await registerAndSignIn(testApp.baseUrl);
    await db.query(`INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'clinic_admin')`, [fixture.clinicId, colleague.session.account.id]);

    await expect(chat.append(actorOf(strangerId), fixture.consultationId, randomUUID(), 'let me in')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(chat.history(actorOf(strangerId), fixture.consultationId)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(chat.append(actorOf(fixture.owner.userId), fixture.consultationId, randomUUID(), ' '.repeat(3))).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(chat.append(actorOf(fixture.owner.userId), fixture.consultationId, randomUUID(), 'x'.repeat(4001))).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect((await stranger.agent.get(`/api/consultations/${fixture.consultationId}/messages`).expect(404)).body.code).toBe(ErrorCode.NotFound);
    for (const headers of [{}, { 'X-Clinic-Id': fixture.clinicId }]) {
      await colleague.agent.get(`/api/consultations/${fixture.consultationId}/messages`).set(headers).expect(404);
    }
    const before = readdirSync(storageDir, { recursive: true }).length;
    expect((await share({ ...fixture.owner, agent: stranger.agent, csrf: { 'X-CSRF-Token': stranger.session.csrfToken } }, fixture.consultationId, PNG, 'a.png', 'image/png').expect(404)).body.code).toBe(
      ErrorCode.NotFound,
    );
    expect(readdirSync(storageDir, { recursive: true }).length).toBe(before);
    expect(await messageRows(fixture.consultationId)).toHaveLength(1);
    expect((await audited(fixture.consultationId)).filter((event: { outcome: string }) => event.outcome === 'denied')).toHaveLength(6);
  });

  it('stays readable after the call, and takes nothing more once cancelled', async () => {
    const fixture = await createConsultationFor(testApp);
    const owner = actorOf(fixture.owner.userId);
    await chat.append(owner, fixture.consultationId, randomUUID(), 'before');
    await setConsultationStatus(testApp.database.url, fixture.consultationId, 'ended');
    await chat.append(actorOf(fixture.consultant.userId), fixture.consultationId, randomUUID(), 'a follow-up after the call');
    await setConsultationStatus(testApp.database.url, fixture.consultationId, 'cancelled');
    await expect(chat.append(owner, fixture.consultationId, randomUUID(), 'too late')).rejects.toMatchObject({ code: ErrorCode.ConsultationClosed });
    expect((await share(fixture.owner, fixture.consultationId, PNG, 'late.png', 'image/png').expect(410)).body.code).toBe(ErrorCode.ConsultationClosed);
    expect((await chat.history(owner, fixture.consultationId)).map((message) => message.text)).toEqual(['before', 'a follow-up after the call']);
  });

  it('shares a file as an encrypted chat message that downloads decrypted, once per client message id', async () => {
    const fixture = await createConsultationFor(testApp);
    const posted: ChatMessageView[] = [];
    const listener = (message: ChatMessageView) => posted.push(message);
    chat.events.on('posted', listener);
    try {
      const clientMessageId = randomUUID();
      const message = (await share(fixture.owner, fixture.consultationId, PNG, 'Barsik today.png', 'image/png', clientMessageId).expect(201)).body as ChatMessageView;
      expect(message).toMatchObject({
        clientMessageId,
        sender: { userId: fixture.owner.userId, role: 'owner' },
        text: null,
        attachment: { id: expect.any(String), fileName: 'Barsik today.png', contentType: 'image/png', sizeBytes: PNG.length },
      });
      expect(posted).toEqual([message]);

      const [file] = await fileRows(fixture.consultationId);
      const object = readFileSync(join(storageDir, ...file.storage_key.split('/')));
      expect(object.subarray(0, 4).toString('latin1')).toBe('VMEF');
      expect(object.includes(PNG.subarray(0, 16))).toBe(false);
      expect(object.includes(PNG.subarray(PNG.length - 32))).toBe(false);

      for (const who of [fixture.owner, fixture.consultant]) {
        const download = await who.agent.get(`/api/consultations/${fixture.consultationId}/files/${message.attachment?.id}`).buffer(true).parse(binary).expect(200);
        expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
        expect(download.headers).toMatchObject({ 'content-type': 'image/png', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
      }
      const range = await fixture.consultant.agent.get(`/api/consultations/${fixture.consultationId}/files/${message.attachment?.id}`).set('Range', 'bytes=10-19').buffer(true).parse(binary).expect(206);
      expect(Buffer.compare(range.body as Buffer, PNG.subarray(10, 20))).toBe(0);

      // A retry (the connection dropped before the answer) stores nothing new.
      const objectsBefore = filesUnder(storageDir);
      const again = (await share(fixture.owner, fixture.consultationId, PNG, 'Barsik today.png', 'image/png', clientMessageId).expect(201)).body as ChatMessageView;
      expect(again).toEqual(message);
      expect(filesUnder(storageDir)).toEqual(objectsBefore);
      expect(await fileRows(fixture.consultationId)).toHaveLength(1);
      expect(posted).toHaveLength(1);

      const pdf = (await share(fixture.consultant, fixture.consultationId, PDF, 'diet plan.pdf', 'application/pdf').expect(201)).body as ChatMessageView;
      expect(pdf).toMatchObject({ sender: { role: 'consultant' }, attachment: { contentType: 'application/pdf' } });
      const history = (await fixture.owner.agent.get(`/api/consultations/${fixture.consultationId}/messages`).expect(200)).body as ChatMessageView[];
      expect(history.map((item) => item.attachment?.fileName)).toEqual(['Barsik today.png', 'diet plan.pdf']);

      const strangerDownload = await stranger.agent.get(`/api/consultations/${fixture.consultationId}/files/${message.attachment?.id}`).expect(404);
      expect(strangerDownload.body.code).toBe(ErrorCode.NotFound);
      const other = await createConsultationFor(testApp, { between: fixture });
      await fixture.owner.agent.get(`/api/consultations/${other.consultationId}/files/${message.attachment?.id}`).expect(404);
      expect(await audited(message.attachment?.id ?? '')).toEqual([
        { action: 'consultation.file.upload', outcome: 'success' },
        { action: 'consultation.file.download', outcome: 'success' },
        { action: 'consultation.file.download', outcome: 'success' },
        { action: 'consultation.file.download', outcome: 'success' },
        { action: 'consultation.file.download', outcome: 'denied' },
      ]);
    } finally {
      chat.events.off('posted', listener);
    }
  });

  it('refuses files of other types, and malformed forms, keeping nothing', async () => {
    const fixture = await createConsultationFor(testApp);
    const before = filesUnder(storageDir);
    expect((await share(fixture.owner, fixture.consultationId, EXE, 'photo.png', 'application/octet-stream').expect(415)).body.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
    expect((await share(fixture.owner, fixture.consultationId, Buffer.from('just text'), 'notes.txt', 'text/plain').expect(415)).body.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
    expect((await share(fixture.owner, fixture.consultationId, PNG, 'a.png', 'image/png', 'not-a-uuid').expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
    const upload = () => fixture.owner.agent.post(`/api/consultations/${fixture.consultationId}/files`).set(fixture.owner.csrf);
    expect((await upload().field('kind', 'photo').attach('file', PNG, 'a.png').expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
    expect((await upload().send({ text: 'hi' }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
    expect((await fixture.owner.agent.post(`/api/consultations/${fixture.consultationId}/files`).attach('file', PNG, 'a.png').expect(403)).body.code).toBe(ErrorCode.CsrfTokenInvalid);
    expect(filesUnder(storageDir)).toEqual(before);
    expect(await fileRows(fixture.consultationId)).toEqual([]);
    expect(await messageRows(fixture.consultationId)).toEqual([]);
  });

  it('keeps what one person shares in a consultation within CONSULTATION_FILES_QUOTA_MB: a file past it is refused with a code, and nothing of it is kept', async () => {
    const fixture = await createConsultationFor(testApp);
    const walk = mp4OfSize(900 * 1024);
    const clientMessageId = randomUUID();
    const first = (await share(fixture.owner, fixture.consultationId, walk, 'walk.mp4', 'video/mp4', clientMessageId).expect(201)).body as ChatMessageView;
    const before = filesUnder(storageDir);
    // A retry of the same share answers the message stored already: it is not counted twice.
    expect((await share(fixture.owner, fixture.consultationId, walk, 'walk.mp4', 'video/mp4', clientMessageId).expect(201)).body).toEqual(first);
    const refused = await share(fixture.owner, fixture.consultationId, mp4OfSize(200 * 1024), 'walk-2.mp4', 'video/mp4').expect(413);
    expect(refused.body.code).toBe(ErrorCode.StorageQuotaExceeded);
    expect(filesUnder(storageDir)).toEqual(before);
    expect(await fileRows(fixture.consultationId)).toHaveLength(1);
    // The quota is the sender's: the vet still shares.
    await share(fixture.consultant, fixture.consultationId, PNG, 'x-ray.png', 'image/png').expect(201);
  });
});
