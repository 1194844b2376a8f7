import { ChunkCipher } from './chunk-cipher';
import { DataKey } from './data-key';
import { EncryptOptions } from './encrypt-stream';
import { DEFAULT_CHUNK_SIZE, HEADER_LENGTH, createHeader, parseStreamHeader, partialHeaderError } from './stream-format';

/**
 * Chat messages and other small payloads, in the same format as the streams (either side
 * can read what the other wrote), without a stream's ceremony. Everything is in memory, so
 * keep it to payloads that fit comfortably there; files go through the streams.
 */
export function encryptBuffer(dataKey: DataKey, plaintext: Uint8Array, options: EncryptOptions = {}): Buffer {
  const header = createHeader(dataKey, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const cipher = new ChunkCipher(dataKey, header);
  const parts = [header.bytes];
  let offset = 0;
  let index = 0;
  while (plaintext.length - offset > header.chunkSize) {
    parts.push(cipher.seal(index++, false, plaintext.subarray(offset, (offset += header.chunkSize))));
  }
  parts.push(cipher.seal(index, true, plaintext.subarray(offset)));
  return Buffer.concat(parts);
}

/** All of the plaintext or a DecryptionError; never a part. */
export function decryptBuffer(dataKey: DataKey, ciphertext: Uint8Array): Buffer {
  const bytes = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
  if (bytes.length < HEADER_LENGTH) throw partialHeaderError(bytes);
  const cipher = new ChunkCipher(dataKey, parseStreamHeader(bytes.subarray(0, HEADER_LENGTH), dataKey));
  const parts: Buffer[] = [];
  let offset = HEADER_LENGTH;
  let index = 0;
  while (bytes.length - offset > cipher.sealedChunkSize) {
    parts.push(cipher.openMiddle(index++, bytes.subarray(offset, (offset += cipher.sealedChunkSize))));
  }
  parts.push(cipher.openFinal(index, bytes.subarray(offset)));
  return Buffer.concat(parts);
}
