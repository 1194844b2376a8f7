import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import { CHAT_MESSAGE_MAX_LENGTH, ErrorCode, type ChatMessageView, type ConsultationStatusValue } from '@vetmeet/contracts';
import type { DataKey } from '@vetmeet/crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { findParticipation, type Participation } from '../consultations/consultation-participation';
import { DatabaseContext } from '../database/database-context';
import { ChatKeys } from './chat-keys';
import { selectByClientId, selectHistory, toMessageView, type ChatMessageRow } from './chat-message-rows';
import { openChatText, sealChatText } from './chat-text-cipher';

/** A consultation in one of these takes no new chat message or file. */
const NOTHING_ADDED_WHEN: readonly ConsultationStatusValue[] = ['cancelled', 'invited', 'declined', 'expired'];

export interface ChatEventMap {
  /** A message created over HTTP (a shared file): the room broadcasts it to everyone in it. */
  posted: [ChatMessageView];
}

/** A file already stored encrypted, to be posted as a chat message. */
export interface SharedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
  wrappedKey: Buffer;
  masterKeyId: string;
}

/**
 * A consultation's chat, kept with it: append-only, each text sealed under the
 * consultation's chat key, readable by its two participants during and after the call.
 * Sending again with the same client message id stores one message and answers with it.
 * Audited without the text.
 */
@Injectable()
export class ConsultationChatService {
  readonly events = new EventEmitter<ChatEventMap>();
  private readonly logger = new Logger(ConsultationChatService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly keys: ChatKeys,
  ) {}

  async append(actor: Actor, consultationId: string, clientMessageId: string, text: string): Promise<ChatMessageView> {
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > CHAT_MESSAGE_MAX_LENGTH) {
      throw new AppError(ErrorCode.ValidationFailed, `A chat message has 1 to ${CHAT_MESSAGE_MAX_LENGTH} characters.`);
    }
    return this.db.runAs(actor, async (manager) => {
      const participation = await this.writable(manager, actor, consultationId, 'consultation.chat.send');
      const dataKey = await this.keys.forWriting(manager, consultationId);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO consultation_messages (id, consultation_id, sender_id, client_message_id, text_encrypted) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (consultation_id, sender_id, client_message_id) DO NOTHING`,
        [id, consultationId, actor.userId, clientMessageId, sealChatText(dataKey, id, trimmed)],
      );
      const row = await selectByClientId(manager, consultationId, actor.userId, clientMessageId);
      await this.audit.record({ action: 'consultation.chat.send', entityType: 'consultation_message', entityId: row.id, outcome: 'success', actorUserId: actor.userId });
      return toMessageView(row, participation, this.textOf(row, dataKey));
    });
  }

  history(actor: Actor, consultationId: string): Promise<ChatMessageView[]> {
    return this.db.runAs(actor, async (manager) => {
      const participation = await this.participation(manager, actor, consultationId, 'consultation.chat.read');
      const rows = await selectHistory(manager, consultationId);
      const dataKey = await this.keys.forReading(manager, consultationId);
      await this.audit.record({ action: 'consultation.chat.read', entityType: 'consultation', entityId: consultationId, outcome: 'success', actorUserId: actor.userId });
      return rows.map((row) => toMessageView(row, participation, this.textOf(row, dataKey)));
    });
  }

  /**
   * Posts a stored file as a message, in the caller's transaction. Null when the sender
   * already posted a message under this client id (a retried upload): the caller drops its
   * copy of the file and answers with that message instead.
   */
  async postFile(manager: EntityManager, participation: Participation, senderId: string, clientMessageId: string, file: SharedFile): Promise<ChatMessageView | null> {
    const [existing] = await manager.query<unknown[]>(
      'SELECT 1 FROM consultation_messages WHERE consultation_id = $1 AND sender_id = $2 AND client_message_id = $3',
      [participation.consultationId, senderId, clientMessageId],
    );
    if (existing) return null;
    await manager.query(
      `INSERT INTO consultation_files (id, consultation_id, uploader_id, file_name, content_type, size_bytes, storage_key, wrapped_key, master_key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [file.id, participation.consultationId, senderId, file.fileName, file.contentType, String(file.sizeBytes), file.storageKey, file.wrappedKey, file.masterKeyId],
    );
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO consultation_messages (id, consultation_id, sender_id, client_message_id, file_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consultation_id, sender_id, client_message_id) DO NOTHING RETURNING id`,
      [randomUUID(), participation.consultationId, senderId, clientMessageId, file.id],
    );
    if (inserted.length === 0) throw new DuplicateClientMessage();
    return toMessageView(await selectByClientId(manager, participation.consultationId, senderId, clientMessageId), participation, null);
  }

  /** The message stored under a client id, for answering a retried upload. */
  messageByClientId(actor: Actor, consultationId: string, clientMessageId: string): Promise<ChatMessageView> {
    return this.db.runAs(actor, async (manager) => {
      const participation = await this.participation(manager, actor, consultationId, 'consultation.chat.read');
      const row = await selectByClientId(manager, consultationId, actor.userId, clientMessageId);
      return toMessageView(row, participation, this.textOf(row, await this.keys.forReading(manager, consultationId)));
    });
  }

  /** Any participant, whatever the status: the history stays theirs after the call. */
  async participation(manager: EntityManager, actor: Actor, consultationId: string, action: string): Promise<Participation> {
    const participation = await findParticipation(manager, actor.userId, consultationId);
    if (participation) return participation;
    await this.audit.recordIndependently({ action, entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
    throw new AppError(ErrorCode.NotFound, 'No such consultation.');
  }

  /**
   * A participant, in a consultation that was not cancelled and is not an invitation nobody accepted
   * (after the call, follow-up messages are fine). Row-level security refuses the same.
   */
  async writable(manager: EntityManager, actor: Actor, consultationId: string, action: string): Promise<Participation> {
    const participation = await this.participation(manager, actor, consultationId, action);
    if (!NOTHING_ADDED_WHEN.includes(participation.status)) return participation;
    await this.audit.recordIndependently({ action, entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
    const why = participation.status === 'cancelled' ? 'This consultation was cancelled' : 'This invitation has not been accepted';
    throw new AppError(ErrorCode.ConsultationClosed, `${why}: nothing can be added to its chat.`);
  }

  /** A text that does not open (damaged, or moved from another row) is logged and shown as missing, not allowed to hide the rest. */
  private textOf(row: ChatMessageRow, dataKey: DataKey | null): string | null {
    if (row.text_encrypted === null) return null;
    try {
      if (!dataKey) throw new Error('The consultation has chat text but no chat key');
      return openChatText(dataKey, row.id, row.text_encrypted);
    } catch (error) {
      this.logger.error({ err: loggableError(error), messageId: row.id }, 'a chat message does not decrypt');
      return null;
    }
  }
}

/** Thrown to roll back a file's rows when its message turned out to exist already (a concurrent retry). */
export class DuplicateClientMessage extends Error {
  constructor() {
    super('A message with this client id exists already');
    this.name = 'DuplicateClientMessage';
  }
}
