import { decryptBuffer, encryptBuffer, type DataKey } from '@vetmeet/crypto';

/**
 * A chat text sealed with AES-256-GCM (libs/crypto's buffer format) under the consultation's
 * chat key. The message id goes inside the sealed bytes, so a ciphertext moved onto another
 * message row of the same consultation no longer opens as that message.
 */
export function sealChatText(dataKey: DataKey, messageId: string, text: string): Buffer {
  return encryptBuffer(dataKey, Buffer.from(`${messageId}\n${text}`, 'utf8'));
}

export function openChatText(dataKey: DataKey, messageId: string, sealed: Uint8Array): string {
  const plain = decryptBuffer(dataKey, sealed).toString('utf8');
  const prefix = `${messageId}\n`;
  if (!plain.startsWith(prefix)) throw new Error('This chat text was sealed for another message');
  return plain.slice(prefix.length);
}
