import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { patternBytes } from '../test/helpers';
import { generateDataKey } from './data-key';
import { createDecryptStream } from './decrypt-stream';
import { createEncryptStream } from './encrypt-stream';
import { FramedTransform } from './framed-transform';
import { DEFAULT_CHUNK_SIZE, HEADER_LENGTH, TAG_LENGTH } from './stream-format';

const MB = 1024 * 1024;
const sealed = DEFAULT_CHUNK_SIZE + TAG_LENGTH;

describe(FramedTransform.name, () => {
  const key = generateDataKey();

  it('holds about two chunks per stream while 64 MB go through encryption and decryption to a slow reader', async () => {
    const pieceSize = 16 * 1024;
    const piece = patternBytes(pieceSize, 5);
    const encrypt = createEncryptStream(key);
    const decrypt = createDecryptStream(key);
    const most = { encrypt: 0, decrypt: 0 };
    const measure = (): void => {
      most.encrypt = Math.max(most.encrypt, encrypt.bufferedBytes);
      most.decrypt = Math.max(most.decrypt, decrypt.bufferedBytes);
    };
    const source = Readable.from(
      (function* () {
        for (let sent = 0; sent < 64 * MB; sent += pieceSize) {
          measure();
          yield piece;
        }
      })(),
    );
    const received = createHash('sha256');
    let receivedBytes = 0;
    const slowReader = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        measure();
        received.update(chunk);
        receivedBytes += chunk.length;
        setImmediate(done);
      },
    });

    await pipeline(source, encrypt, decrypt, slowReader);

    expect(receivedBytes).toBe(64 * MB);
    const sent = createHash('sha256');
    for (let i = 0; i < (64 * MB) / pieceSize; i++) sent.update(piece);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    // Input held back for the final flag, the writer's current piece, one chunk of output.
    expect(most.encrypt).toBeLessThanOrEqual(2 * sealed + pieceSize + HEADER_LENGTH);
    // The decrypter's pieces are the encrypter's sealed chunks.
    expect(most.decrypt).toBeLessThanOrEqual(3 * sealed);
  });

  it('seals one chunk at a time out of a single 64 MB write, only as fast as it is read', async () => {
    const encrypt = createEncryptStream(key);
    let acknowledged = false;
    encrypt.write(Buffer.alloc(64 * MB), () => (acknowledged = true));
    await new Promise((resolve) => setImmediate(resolve));

    // Nobody reads: the transform stops after one chunk instead of sealing all 64 MB.
    expect(encrypt.readableLength).toBeLessThanOrEqual(HEADER_LENGTH + sealed);
    expect(acknowledged).toBe(false);

    let most = 0;
    let received = 0;
    encrypt.end();
    for await (const chunk of encrypt as AsyncIterable<Buffer>) {
      most = Math.max(most, encrypt.readableLength);
      received += chunk.length;
    }
    expect(acknowledged).toBe(true);
    expect(received).toBe(HEADER_LENGTH + 64 * MB + 1024 * TAG_LENGTH);
    expect(most).toBeLessThanOrEqual(2 * sealed);
  });

  it('opens one chunk at a time out of a single large write, only as fast as it is read', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from([Buffer.alloc(8 * MB)]).pipe(createEncryptStream(key)) as AsyncIterable<Buffer>) chunks.push(chunk);
    const decrypt = createDecryptStream(key);
    decrypt.write(Buffer.concat(chunks));
    await new Promise((resolve) => setImmediate(resolve));
    expect(decrypt.readableLength).toBeLessThanOrEqual(DEFAULT_CHUNK_SIZE);
    decrypt.end();
    let received = 0;
    for await (const chunk of decrypt as AsyncIterable<Buffer>) {
      expect(decrypt.readableLength).toBeLessThanOrEqual(2 * DEFAULT_CHUNK_SIZE);
      received += chunk.length;
    }
    expect(received).toBe(8 * MB);
  });
});
