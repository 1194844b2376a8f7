import type { ChatMessageView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Participation } from '../consultations/consultation-participation';

export interface ChatMessageRow {
  id: string;
  client_message_id: string;
  sender_id: string;
  text_encrypted: Buffer | null;
  created_at: Date;
  file_id: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: string | null;
}

const SELECT_MESSAGES = `SELECT m.id, m.client_message_id, m.sender_id, m.text_encrypted, m.created_at,
                                f.id AS file_id, f.file_name, f.content_type, f.size_bytes
                           FROM consultation_messages m LEFT JOIN consultation_files f ON f.id = m.file_id`;

export function selectHistory(manager: EntityManager, consultationId: string): Promise<ChatMessageRow[]> {
  return manager.query<ChatMessageRow[]>(`${SELECT_MESSAGES} WHERE m.consultation_id = $1 ORDER BY m.created_at, m.id`, [consultationId]);
}

/** The message a sender stored under their client id: what a retried send answers with. */
export async function selectByClientId(manager: EntityManager, consultationId: string, senderId: string, clientMessageId: string): Promise<ChatMessageRow> {
  const [row] = await manager.query<ChatMessageRow[]>(`${SELECT_MESSAGES} WHERE m.consultation_id = $1 AND m.sender_id = $2 AND m.client_message_id = $3`, [
    consultationId,
    senderId,
    clientMessageId,
  ]);
  if (!row) throw new Error('A chat message stored in this transaction is not readable in it');
  return row;
}

export function toMessageView(row: ChatMessageRow, participation: Participation, text: string | null): ChatMessageView {
  const sender = row.sender_id === participation.owner.userId ? { ...participation.owner, role: 'owner' as const } : { ...participation.consultant, role: 'consultant' as const };
  return {
    id: row.id,
    consultationId: participation.consultationId,
    clientMessageId: row.client_message_id,
    sender,
    text,
    attachment:
      row.file_id === null ? null : { id: row.file_id, fileName: row.file_name ?? '', contentType: row.content_type ?? 'application/octet-stream', sizeBytes: Number(row.size_bytes) },
    sentAt: row.created_at.toISOString(),
  };
}
