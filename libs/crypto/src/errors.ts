/**
 * Callers branch on a code, not on a message: a playback endpoint answers differently to a
 * wrong key (our bug or a mixed-up object) than to damaged bytes (storage or tampering).
 * Messages name chunk numbers and key ids, which are not secret, and never key material.
 */
export enum DecryptionErrorCode {
  /** Bytes that do not authenticate: damaged, tampered with, reordered, or not our format. */
  Corrupt = 'CORRUPT',
  /** The ciphertext provably ends before its final chunk. */
  Truncated = 'TRUNCATED',
  /** The data key (or, for a wrapped key, the master key or context) is not the one it was sealed with. */
  WrongKey = 'WRONG_KEY',
  /** Written by a format version this build does not read. */
  UnsupportedVersion = 'UNSUPPORTED_VERSION',
  /** Wrapped by a master key that the key ring no longer (or not yet) holds. */
  UnknownKeyId = 'UNKNOWN_KEY_ID',
}

export class DecryptionError extends Error {
  constructor(
    readonly code: DecryptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** A master key list that the app must refuse to start with; the message says which entry and why. */
export class MasterKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyConfigError';
  }
}
