/**
 * Encryption at rest for attachments, chat and recordings: per-object data keys wrapped by
 * rotatable master keys, and an authenticated, chunked, seekable body format. See README.md.
 */
export { DecryptionError, DecryptionErrorCode, MasterKeyConfigError } from './errors';
export { DATA_KEY_BYTES, generateDataKey } from './data-key';
export type { DataKey } from './data-key';
export { MasterKeyRing } from './master-key-ring';
export { parseMasterKeys } from './master-key-config';
export type { MasterKey } from './master-key-config';
export { wrappedKeyId } from './wrapped-key';
export { DEFAULT_CHUNK_SIZE, HEADER_LENGTH as STREAM_HEADER_LENGTH, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE, parseStreamHeader } from './stream-format';
export type { StreamHeader } from './stream-format';
export { EncryptStream, createEncryptStream } from './encrypt-stream';
export type { EncryptOptions } from './encrypt-stream';
export { DecryptStream, createDecryptStream } from './decrypt-stream';
export { decryptBuffer, encryptBuffer } from './buffer-codec';
export { ciphertextSize, createRangeDecryptStream, mapPlaintextRange, plaintextSize } from './byte-range';
export type { ByteRange, RangeSlice } from './byte-range';
export { JournalEncrypter } from './journal-encrypter';
export type { JournalOptions, JournalSummary } from './journal-encrypter';
export { JournalReader, createJournalReader } from './journal-reader';
export type { JournalReaderOptions, JournalReport } from './journal-reader';
export { StoredStreamDigest, TagDigest } from './tag-digest';
export type { StoredStreamSummary } from './tag-digest';
