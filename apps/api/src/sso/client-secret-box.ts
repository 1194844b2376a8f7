import { decryptBuffer, encryptBuffer, generateDataKey, type MasterKeyRing } from '@vetmeet/crypto';

/** A client secret as stored: sealed under its own data key, which the master key ring wraps. */
export interface SealedClientSecret {
  keyWrapped: Buffer;
  sealed: Buffer;
}

// The clinic id is in the wrapping context, so a sealed secret copied onto another clinic's row does not open.
const contextOf = (clinicId: string) => `sso-client-secret:${clinicId}`;

/**
 * The master key ring wraps 256-bit data keys only (libs/crypto), so a secret of any length is
 * sealed with AES-256-GCM under a fresh data key, as attachments and chat texts are.
 */
export function sealClientSecret(ring: MasterKeyRing, clinicId: string, secret: string): SealedClientSecret {
  const dataKey = generateDataKey();
  return {
    keyWrapped: ring.wrap(dataKey, contextOf(clinicId)),
    sealed: encryptBuffer(dataKey, Buffer.from(secret, 'utf8')),
  };
}

export function openClientSecret(ring: MasterKeyRing, clinicId: string, stored: SealedClientSecret): string {
  return decryptBuffer(ring.unwrap(stored.keyWrapped, contextOf(clinicId)), stored.sealed).toString('utf8');
}
