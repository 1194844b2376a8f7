import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Stream } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ErrorCode, type AttachmentView, type PetView, type SessionView } from '@vetmeet/contracts';
import { DecryptionErrorCode, MasterKeyRing, createDecryptStream, generateDataKey } from '@vetmeet/crypto';
import { Client } from 'pg';
import request from 'supertest';
import { STRONG_PASSWORD, registerAndSignIn, type SignedIn } from '../support/accounts';
import { mp4OfSize } from '../support/fake-files';
import { startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/attachments', name));
const PNG = fixture('photo.png');
const PDF = fixture('lab-result.pdf');
const MIB = 1024 * 1024;
const QUOTA_MB = 4;

/** An MP4 as far as any type sniffer can tell: an ftyp box, then 300 KB of media data (several encryption chunks). */
const VIDEO = (() => {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41', 'latin1')]);
  const media = randomBytes(300_000);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(media.length + 8);
  mdatHeader.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdatHeader, media]);
})();

/** Shannon entropy in bits per byte. */
function entropy(bytes: Buffer): number {
  const counts = new Array<number>(256).fill(0);
  for (const byte of bytes) counts[byte] += 1;
  return counts.filter(Boolean).reduce((sum, count) => sum - (count / bytes.length) * Math.log2(count / bytes.length), 0);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('attachments in a pet record', () => {
  let testApp: TestApp;
  let owner: Client;
  let storageDir: string;
  let maria: SignedIn;
  let taras: SignedIn;
  let mariasPet: PetView;
  const keyRing = MasterKeyRing.fromConfig(`test1:${Buffer.alloc(32, 1).toString('base64')}`);

  const csrf = (who: SignedIn) => ({ 'X-CSRF-Token': who.session.csrfToken });
  const upload = (who: SignedIn, petId: string, kind: string, bytes: Buffer, fileName: string, contentType: string) =>
    who.agent.post(`/api/pets/${petId}/attachments`).set(csrf(who)).field('kind', kind).attach('file', bytes, { filename: fileName, contentType });
  const content = (who: SignedIn, petId: string, id: string) => who.agent.get(`/api/pets/${petId}/attachments/${id}/content`).buffer(true).parse(binary);
  const row = async (id: string) => (await owner.query('SELECT storage_key, wrapped_key, size_bytes FROM pet_attachments WHERE id = $1', [id])).rows[0];
  const objectPath = async (id: string) => join(storageDir, ...(await row(id)).storage_key.split('/'));
  const audited = async (entityId: string) => (await owner.query('SELECT action, outcome FROM audit_events WHERE entity_id = $1 ORDER BY chain_seq', [entityId])).rows;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'vetmeet-attachments-'));
    // A small quota, so one test can fill an account; the others stay far below it.
    testApp = await startTestApp({ STORAGE_DIR: storageDir, STORAGE_QUOTA_MB: String(QUOTA_MB) });
    owner = new Client({ connectionString: testApp.database.url });
    await owner.connect();
    [maria, taras] = await Promise.all([registerAndSignIn(testApp.baseUrl), registerAndSignIn(testApp.baseUrl)]);
    mariasPet = (await maria.agent.post('/api/pets').set(csrf(maria)).send({ name: 'Barsik', species: 'cat' }).expect(201)).body as PetView;
  });
  afterAll(async () => {
    await owner?.end();
    await testApp?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('stores a photo and a lab result, lists them, and gives back exactly the bytes uploaded', async () => {
    const photo = (await upload(maria, mariasPet.id, 'photo', PNG, 'Barsik at the vet.png', 'image/png').expect(201)).body as AttachmentView;
    const lab = (await upload(maria, mariasPet.id, 'lab_result', PDF, 'Blutbild; Mai 2026 (Ä).pdf', 'application/pdf').expect(201)).body as AttachmentView;
    expect(photo).toMatchObject({ kind: 'photo', fileName: 'Barsik at the vet.png', contentType: 'image/png', sizeBytes: PNG.length });
    expect(lab).toMatchObject({ kind: 'lab_result', fileName: 'Blutbild; Mai 2026 (Ä).pdf', contentType: 'application/pdf', sizeBytes: PDF.length });

    const listed = (await maria.agent.get(`/api/pets/${mariasPet.id}/attachments`).expect(200)).body as AttachmentView[];
    expect(listed.map((item) => item.id).sort()).toEqual([photo.id, lab.id].sort());
    expect(Object.keys(listed[0]).sort()).toEqual(['contentType', 'createdAt', 'fileName', 'id', 'kind', 'sizeBytes']);

    const photoResponse = await content(maria, mariasPet.id, photo.id).expect(200);
    expect(Buffer.compare(photoResponse.body as Buffer, PNG)).toBe(0);
    expect(photoResponse.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'accept-ranges': 'bytes',
    });
    expect(photoResponse.headers['content-disposition']).toMatch(/^inline; /);

    const labResponse = await content(maria, mariasPet.id, lab.id).expect(200);
    expect(Buffer.compare(labResponse.body as Buffer, PDF)).toBe(0);
    expect(labResponse.headers['content-disposition']).toBe(`attachment; filename="Blutbild_ Mai 2026 (A).pdf"; filename*=UTF-8''Blutbild%3B%20Mai%202026%20%28%C3%84%29.pdf`);

    expect(await audited(photo.id)).toEqual([
      { action: 'attachment.upload', outcome: 'success' },
      { action: 'attachment.download', outcome: 'success' },
    ]);
    const petEvents = (await owner.query("SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'attachment.%'", [mariasPet.id])).rows;
    expect(petEvents).toEqual([{ action: 'attachment.list' }]);
    const everything = JSON.stringify((await owner.query('SELECT * FROM audit_events')).rows);
    expect(everything).not.toMatch(/Barsik at the vet|Blutbild/);
  });

  it('keeps only ciphertext on disk, which opens with its own wrapped key and no other', async () => {
    const lab = (await upload(maria, mariasPet.id, 'lab_result', PDF, 'cbc.pdf', 'application/pdf').expect(201)).body as AttachmentView;
    const stored = readFileSync(await objectPath(lab.id));

    expect(stored.subarray(0, 4).toString('latin1')).toBe('VMEF');
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(PDF.subarray(200, 216))).toBe(false);
    expect(entropy(PDF)).toBeLessThan(6);
    expect(entropy(stored.subarray(64))).toBeGreaterThan(7.5);

    const { wrapped_key: wrappedKey } = await row(lab.id);
    const dataKey = keyRing.unwrap(wrappedKey, `attachment:${lab.id}`);
    expect(Buffer.compare(await buffer(Readable.from(stored).pipe(createDecryptStream(dataKey))), PDF)).toBe(0);
    expect(() => keyRing.unwrap(wrappedKey, `attachment:${mariasPet.id}`)).toThrow(expect.objectContaining({ code: DecryptionErrorCode.WrongKey }));
    await expect(buffer(Readable.from(stored).pipe(createDecryptStream(generateDataKey())))).rejects.toMatchObject({ code: DecryptionErrorCode.WrongKey });
  });

  it('answers Range requests with exactly the bytes asked for, across encryption chunks', async () => {
    const video = (await upload(maria, mariasPet.id, 'video', VIDEO, 'walk.mp4', 'video/mp4').expect(201)).body as AttachmentView;
    expect(video.contentType).toBe('video/mp4');
    const url = `/api/pets/${mariasPet.id}/attachments/${video.id}/content`;
    const range = async (header: string) => maria.agent.get(url).set('Range', header).buffer(true).parse(binary);

    const middle = await range('bytes=65000-140000');
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 65000-140000/${VIDEO.length}`);
    expect(middle.headers['content-length']).toBe(String(140000 - 65000 + 1));
    expect(middle.headers['content-disposition']).toMatch(/^inline; /);
    expect(Buffer.compare(middle.body as Buffer, VIDEO.subarray(65000, 140001))).toBe(0);

    const tail = await range('bytes=-100');
    expect(tail.headers['content-range']).toBe(`bytes ${VIDEO.length - 100}-${VIDEO.length - 1}/${VIDEO.length}`);
    expect(Buffer.compare(tail.body as Buffer, VIDEO.subarray(VIDEO.length - 100))).toBe(0);
    const rest = await range(`bytes=${VIDEO.length - 10}-`);
    expect(Buffer.compare(rest.body as Buffer, VIDEO.subarray(VIDEO.length - 10))).toBe(0);
    const first = await range('bytes=0-0');
    expect(Buffer.compare(first.body as Buffer, VIDEO.subarray(0, 1))).toBe(0);

    const beyond = await range(`bytes=${VIDEO.length}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${VIDEO.length}`);
    expect(JSON.parse((beyond.body as Buffer).toString()).code).toBe(ErrorCode.RangeNotSatisfiable);

    const head = await maria.agent.head(url).expect(200);
    expect(head.headers['content-length']).toBe(String(VIDEO.length));

    const several = await range('bytes=0-1,5-6');
    expect(several.status).toBe(200);
    expect(Buffer.compare(several.body as Buffer, VIDEO)).toBe(0);
  });

  it('accepts a DICOM file as a diagnostic image and offers it as a download', async () => {
    const dicom = fixture('diagnostic.dcm');
    const scan = (await upload(maria, mariasPet.id, 'diagnostic_image', dicom, 'thorax.dcm', 'application/octet-stream').expect(201)).body as AttachmentView;
    expect(scan.contentType).toBe('application/dicom');
    const response = await content(maria, mariasPet.id, scan.id).expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="thorax.dcm"/);
    expect(Buffer.compare(response.body as Buffer, dicom)).toBe(0);
  });

  describe('refusals store nothing', () => {
    let pet: PetView;
    let before: string[];
    beforeEach(async () => {
      pet = (await maria.agent.post('/api/pets').set(csrf(maria)).send({ name: 'Murka', species: 'cat' }).expect(201)).body as PetView;
      before = filesUnder(storageDir);
    });
    afterEach(async () => {
      expect((await owner.query('SELECT count(*)::int AS count FROM pet_attachments WHERE pet_id = $1', [pet.id])).rows[0].count).toBe(0);
      expect(filesUnder(storageDir)).toEqual(before);
    });

    it.each([
      ['a PDF named and sent as a PNG photo', 'photo', PDF, 'x.png', 'image/png'],
      ['a Linux program named as a photo', 'photo', fixture('program.elf'), 'cat.png', 'image/png'],
      ['a Windows program sent as a lab result', 'lab_result', fixture('program.exe'), 'results.pdf', 'application/pdf'],
      ['a PDF lab result claiming to be an image', 'lab_result', PDF, 'scan.png', 'image/png'],
      ['a PNG sent as a video', 'video', PNG, 'clip.mp4', 'video/mp4'],
      ['bytes of no known type', 'diagnostic_image', randomBytes(10_000), 'scan.dcm', 'application/dicom'],
      ['an empty file', 'photo', Buffer.alloc(0), 'empty.png', 'image/png'],
    ])('refuses %s with ATTACHMENT_TYPE_NOT_ALLOWED', async (_, kind, bytes, fileName, contentType) => {
      const response = await upload(maria, pet.id, kind as string, bytes as Buffer, fileName as string, contentType as string).expect(415);
      expect(response.body.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
    });

    it('refuses a photo over its size limit with PAYLOAD_TOO_LARGE, after reading no more than the limit', async () => {
      const oversized = Buffer.concat([PNG, Buffer.alloc(20 * MIB + 1 - PNG.length, 7)]);
      const response = await upload(maria, pet.id, 'photo', oversized, 'huge.png', 'image/png').expect(413);
      expect(response.body.code).toBe(ErrorCode.PayloadTooLarge);
      const failures = (await owner.query("SELECT outcome FROM audit_events WHERE entity_id = $1 AND action = 'attachment.upload'", [pet.id])).rows;
      expect(failures).toEqual([{ outcome: 'failure' }]);
    });

    it.each([
      ['the file before its kind', (who: SignedIn, petId: string) => who.agent.post(`/api/pets/${petId}/attachments`).set(csrf(who)).attach('file', PNG, 'a.png').field('kind', 'photo')],
      ['an unknown kind', (who: SignedIn, petId: string) => upload(who, petId, 'x-ray', PNG, 'a.png', 'image/png')],
      ['no file', (who: SignedIn, petId: string) => who.agent.post(`/api/pets/${petId}/attachments`).set(csrf(who)).field('kind', 'photo')],
      ['two files', (who: SignedIn, petId: string) => upload(who, petId, 'photo', PNG, 'a.png', 'image/png').attach('file', PNG, 'b.png')],
      ['an extra field', (who: SignedIn, petId: string) => who.agent.post(`/api/pets/${petId}/attachments`).set(csrf(who)).field('kind', 'photo').field('ownerId', 'me')],
      ['a JSON body', (who: SignedIn, petId: string) => who.agent.post(`/api/pets/${petId}/attachments`).set(csrf(who)).send({ kind: 'photo' })],
    ])('refuses %s with VALIDATION_FAILED', async (_, send) => {
      expect((await send(maria, pet.id).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
    });

    it('refuses an upload without the CSRF token', async () => {
      const response = await maria.agent.post(`/api/pets/${pet.id}/attachments`).field('kind', 'photo').attach('file', PNG, 'a.png').expect(403);
      expect(response.body.code).toBe(ErrorCode.CsrfTokenInvalid);
    });
  });

  it('keeps nothing of an upload the client abandons midway', async () => {
    const pet = (await maria.agent.post('/api/pets').set(csrf(maria)).send({ name: 'Pushok', species: 'cat' }).expect(201)).body as PetView;
    const before = filesUnder(storageDir);
    const signIn = await request(testApp.baseUrl).post('/api/auth/sign-in').send({ email: maria.email, password: STRONG_PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
    const boundary = 'vetmeet-abandoned-upload';
    const upload = httpRequest(new URL(`/api/pets/${pet.id}/attachments`, testApp.baseUrl), {
      method: 'POST',
      headers: {
        cookie,
        'x-csrf-token': (signIn.body as SessionView).csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(10 * MIB),
      },
    });
    upload.on('error', () => undefined);
    upload.write(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nvideo\r\n`);
    upload.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="walk.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    upload.write(VIDEO);
    // Once the encrypted body is being written, the client goes away.
    await waitFor(async () => filesUnder(join(storageDir, '.partial')).length > 0);
    upload.destroy();

    await waitFor(async () => (await owner.query("SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'attachment.upload'", [pet.id])).rowCount === 1);
    expect(filesUnder(storageDir)).toEqual(before);
    expect((await owner.query('SELECT count(*)::int AS count FROM pet_attachments WHERE pet_id = $1', [pet.id])).rows[0].count).toBe(0);
    expect((await owner.query("SELECT outcome FROM audit_events WHERE entity_id = $1 AND action = 'attachment.upload'", [pet.id])).rows).toEqual([{ outcome: 'failure' }]);
  });

  it("hides another owner's pets and files: listing, uploading, downloading and deleting all say not found and change nothing", async () => {
    const tarasPet = (await taras.agent.post('/api/pets').set(csrf(taras)).send({ name: 'Rex', species: 'dog' }).expect(201)).body as PetView;
    const xray = (await upload(taras, tarasPet.id, 'diagnostic_image', PNG, 'rex-xray.png', 'image/png').expect(201)).body as AttachmentView;
    const path = await objectPath(xray.id);
    const before = readFileSync(path);

    const attempts = [
      maria.agent.get(`/api/pets/${tarasPet.id}/attachments`),
      upload(maria, tarasPet.id, 'photo', PNG, 'mine.png', 'image/png'),
      maria.agent.get(`/api/pets/${tarasPet.id}/attachments/${xray.id}/content`),
      maria.agent.get(`/api/pets/${mariasPet.id}/attachments/${xray.id}/content`),
      maria.agent.delete(`/api/pets/${tarasPet.id}/attachments/${xray.id}`).set(csrf(maria)),
      maria.agent.delete(`/api/pets/${mariasPet.id}/attachments/${xray.id}`).set(csrf(maria)),
    ];
    for (const attempt of attempts) {
      const response = await attempt;
      expect([response.status, response.body.code]).toEqual([404, ErrorCode.NotFound]);
    }

    expect((await owner.query('SELECT count(*)::int AS count FROM pet_attachments WHERE pet_id = $1', [tarasPet.id])).rows[0].count).toBe(1);
    expect(Buffer.compare(readFileSync(path), before)).toBe(0);
    const denials = (await owner.query("SELECT action, actor_user_id FROM audit_events WHERE outcome = 'denied' AND entity_id IN ($1, $2)", [tarasPet.id, xray.id])).rows;
    expect(denials.map((denial) => denial.action).sort()).toEqual([
      'attachment.delete',
      'attachment.delete',
      'attachment.download',
      'attachment.download',
      'attachment.list',
      'attachment.upload',
    ]);
    expect(denials.every((denial) => denial.actor_user_id === maria.session.account.id)).toBe(true);
    await content(taras, tarasPet.id, xray.id).expect(200);
  });

  it('keeps an account’s pet files within STORAGE_QUOTA_MB: an upload past it is refused with a code and nothing of it is kept', async () => {
    const olena = await registerAndSignIn(testApp.baseUrl);
    const pet = (await olena.agent.post('/api/pets').set(csrf(olena)).send({ name: 'Sirko', species: 'dog' }).expect(201)).body as PetView;
    const first = (await upload(olena, pet.id, 'video', mp4OfSize(3 * MIB), 'first.mp4', 'video/mp4').expect(201)).body as AttachmentView;
    const objectsBefore = filesUnder(storageDir);

    // 3 MiB kept and 1.5 MiB more would pass 4 MiB: refused once stored, and the stored copy removed.
    const over = await upload(olena, pet.id, 'video', mp4OfSize(1.5 * MIB), 'second.mp4', 'video/mp4').expect(413);
    expect(over.body.code).toBe(ErrorCode.StorageQuotaExceeded);
    expect(filesUnder(storageDir)).toEqual(objectsBefore);
    expect((await olena.agent.get(`/api/pets/${pet.id}/attachments`).expect(200)).body).toHaveLength(1);

    // Exactly full: the next upload is refused before its body is read at all.
    await upload(olena, pet.id, 'video', mp4OfSize(QUOTA_MB * MIB - 3 * MIB), 'fills-it.mp4', 'video/mp4').expect(201);
    expect((await upload(olena, pet.id, 'photo', PNG, 'one-more.png', 'image/png').expect(413)).body.code).toBe(ErrorCode.StorageQuotaExceeded);

    // Space freed is space again; another account was never affected.
    await olena.agent.delete(`/api/pets/${pet.id}/attachments/${first.id}`).set(csrf(olena)).expect(204);
    await upload(olena, pet.id, 'video', mp4OfSize(1.5 * MIB), 'second.mp4', 'video/mp4').expect(201);
    await upload(maria, mariasPet.id, 'photo', PNG, 'still-fine.png', 'image/png').expect(201);
  });

  it("deletes a pet's attachment objects along with the pet", async () => {
    const pet = (await maria.agent.post('/api/pets').set(csrf(maria)).send({ name: 'Short-lived', species: 'cat' }).expect(201)).body as PetView;
    const photo = (await upload(maria, pet.id, 'photo', PNG, 'a.png', 'image/png').expect(201)).body as AttachmentView;
    const path = await objectPath(photo.id);
    expect(readFileSync(path).length).toBeGreaterThan(0);
    await maria.agent.delete(`/api/pets/${pet.id}`).set(csrf(maria)).expect(204);
    expect(await row(photo.id)).toBeUndefined();
    expect(() => readFileSync(path)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('deletes the row and the object, and audits it', async () => {
    const photo = (await upload(maria, mariasPet.id, 'photo', PNG, 'old.png', 'image/png').expect(201)).body as AttachmentView;
    const path = await objectPath(photo.id);
    await maria.agent.delete(`/api/pets/${mariasPet.id}/attachments/${photo.id}`).set(csrf(maria)).expect(204);
    expect(await row(photo.id)).toBeUndefined();
    expect(() => readFileSync(path)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    await content(maria, mariasPet.id, photo.id).expect(404);
    expect((await audited(photo.id)).map((event) => `${event.action}:${event.outcome}`)).toEqual(['attachment.upload:success', 'attachment.delete:success', 'attachment.download:denied']);
  });

  it.each([
    ['in its only chunk', PNG, 'photo', 'image/png', 100],
    ['in a later chunk, after verified chunks went out', VIDEO, 'video', 'video/mp4', 200_000],
  ])('cuts the download of an object tampered with %s, and audits the failure', async (_, bytes, kind, contentType, offset) => {
    const file = (await upload(maria, mariasPet.id, kind, bytes, 'tampered', contentType).expect(201)).body as AttachmentView;
    const path = await objectPath(file.id);
    const stored = readFileSync(path);
    stored[offset] ^= 0x01;
    writeFileSync(path, stored);

    await expect(content(maria, mariasPet.id, file.id).then((response) => response.body)).rejects.toThrow();
    // The audit event is written once the server has given up on the response.
    await waitFor(async () => (await audited(file.id)).length === 2);
    expect(await audited(file.id)).toEqual([
      { action: 'attachment.upload', outcome: 'success' },
      { action: 'attachment.download', outcome: 'failure' },
    ]);
  });
});

/** supertest's parser for a body of bytes. */
function binary(response: Stream, done: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  response.on('data', (part: Buffer) => parts.push(part));
  response.on('end', () => done(null, Buffer.concat(parts)));
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
