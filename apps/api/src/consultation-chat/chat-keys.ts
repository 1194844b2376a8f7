import { Injectable } from '@nestjs/common';
import { MasterKeyRing, generateDataKey, wrappedKeyId, type DataKey } from '@vetmeet/crypto';
import type { EntityManager } from 'typeorm';

const contextOf = (consultationId: string) => `consultation-chat:${consultationId}`;

/** Each consultation's chat key: made with its first message, stored only wrapped by the master key ring. */
@Injectable()
export class ChatKeys {
  constructor(private readonly keyRing: MasterKeyRing) {}

  /** The key to seal a new message with, made now if the consultation has none yet (two first messages at once agree on one). */
  async forWriting(manager: EntityManager, consultationId: string): Promise<DataKey> {
    const existing = await this.forReading(manager, consultationId);
    if (existing) return existing;
    const dataKey = generateDataKey();
    const wrapped = this.keyRing.wrap(dataKey, contextOf(consultationId));
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO consultation_chat_keys (consultation_id, wrapped_key, master_key_id) VALUES ($1, $2, $3)
       ON CONFLICT (consultation_id) DO NOTHING RETURNING consultation_id`,
      [consultationId, wrapped, wrappedKeyId(wrapped)],
    );
    if (inserted.length > 0) return dataKey;
    const winner = await this.forReading(manager, consultationId);
    if (!winner) throw new Error('The chat key vanished right after another request made it');
    return winner;
  }

  /** Null when nothing was ever written in the consultation's chat. */
  async forReading(manager: EntityManager, consultationId: string): Promise<DataKey | null> {
    const [row] = await manager.query<{ wrapped_key: Buffer }[]>('SELECT wrapped_key FROM consultation_chat_keys WHERE consultation_id = $1', [consultationId]);
    return row ? this.keyRing.unwrap(row.wrapped_key, contextOf(consultationId)) : null;
  }
}
