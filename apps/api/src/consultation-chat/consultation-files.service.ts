import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type ChatMessageView } from '@vetmeet/contracts';
import { MasterKeyRing, generateDataKey, wrappedKeyId } from '@vetmeet/crypto';
import type { Response } from 'express';
import { sendDecrypted } from '../attachments/attachment-response';
import { readDecrypted, storeEncrypted } from '../attachments/encrypted-body';
import { discardBody, receiveUpload } from '../attachments/multipart-upload';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { isClientGone, isInsertRefused } from '../attachments/upload-failures';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { StorageQuota } from '../storage/storage-quota';
import { CHAT_FILE_FORM } from './chat-file-form';
import { ConsultationChatService, DuplicateClientMessage } from './consultation-chat.service';

/** The wrapped data key opens only for its own file. */
const keyContext = (fileId: string) => `consultation-file:${fileId}`;
const storageKeyOf = (fileId: string) => `consultation-files/${fileId.slice(0, 2)}/${fileId}`;


/**
 * Files shared in a consultation's chat, through the pet attachments' pipeline: streamed,
 * size-limited, typed from their content, encrypted while written under a key of their
 * own. A shared file becomes a chat message, which the room broadcasts ('posted').
 */
@Injectable()
export class ConsultationFilesService {
  private readonly logger = new Logger(ConsultationFilesService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
    private readonly chat: ConsultationChatService,
    private readonly quota: StorageQuota,
  ) {}

  async upload(actor: Actor, consultationId: string, request: IncomingMessage): Promise<ChatMessageView> {
    try {
      await this.db.runAs(actor, async (manager) => {
        await this.chat.writable(manager, actor, consultationId, 'consultation.file.upload');
        await this.quota.requireRoom(manager, this.quota.sharedFiles(consultationId, actor.userId));
      });
    } catch (error) {
      discardBody(request);
      throw error;
    }
    const id = randomUUID();
    const storageKey = storageKeyOf(id);
    const dataKey = generateDataKey();
    const wrappedKey = this.keyRing.wrap(dataKey, keyContext(id));
    let duplicateOf: string | undefined;
    try {
      const file = await receiveUpload(request, CHAT_FILE_FORM, async (incoming) => ({
        clientMessageId: incoming.fields.clientMessageId ?? randomUUID(),
        fileName: incoming.fileName,
        ...(await storeEncrypted(this.storage, storageKey, dataKey, incoming)),
      }));
      const message = await this.db.runAs(actor, async (manager) => {
        const participation = await this.chat.writable(manager, actor, consultationId, 'consultation.file.upload');
        const posted = await this.chat.postFile(manager, participation, actor.userId, file.clientMessageId, {
          id,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          storageKey,
          wrappedKey,
          masterKeyId: wrappedKeyId(wrappedKey),
        });
        // After the row: a retry of a file stored already posts nothing and is not counted twice.
        if (posted) await this.quota.holdWithin(manager, this.quota.sharedFiles(consultationId, actor.userId));
        if (posted) await this.audit.record({ action: 'consultation.file.upload', entityType: 'consultation_file', entityId: id, outcome: 'success', actorUserId: actor.userId });
        return posted;
      }).catch((error: unknown) => {
        if (error instanceof DuplicateClientMessage) return null;
        throw error;
      });
      if (message) {
        this.chat.events.emit('posted', message);
        return message;
      }
      // A retry of an upload that was stored already: keep the first copy, answer with its message.
      duplicateOf = file.clientMessageId;
    } catch (error) {
      await this.deleteObject(storageKey, id);
      await this.audit.recordIndependently({ action: 'consultation.file.upload', entityType: 'consultation', entityId: consultationId, outcome: 'failure', actorUserId: actor.userId });
      // Row-level security refused the insert: the consultation was cancelled while the file streamed.
      if (isInsertRefused(error)) throw new AppError(ErrorCode.ConsultationClosed, 'This consultation was cancelled: nothing can be added to its chat.');
      throw error;
    }
    await this.deleteObject(storageKey, id);
    return this.chat.messageByClientId(actor, consultationId, duplicateOf);
  }

  /** The decrypted file, or the span a Range header asks for; audited once its outcome is known. */
  async download(actor: Actor, consultationId: string, fileId: string, rangeHeader: string | undefined, response: Response): Promise<void> {
    const file = await this.db.runAs(actor, async (manager) => {
      await this.chat.participation(manager, actor, consultationId, 'consultation.file.download');
      const [row] = await manager.query<{ id: string; file_name: string; content_type: string; storage_key: string; wrapped_key: Buffer }[]>(
        'SELECT id, file_name, content_type, storage_key, wrapped_key FROM consultation_files WHERE id = $1 AND consultation_id = $2',
        [fileId, consultationId],
      );
      if (!row) {
        await this.audit.recordIndependently({ action: 'consultation.file.download', entityType: 'consultation_file', entityId: fileId, outcome: 'denied', actorUserId: actor.userId });
        throw new AppError(ErrorCode.NotFound, 'No such file.');
      }
      return row;
    });
    const audited = (outcome: 'success' | 'failure') =>
      this.audit.record({ action: 'consultation.file.download', entityType: 'consultation_file', entityId: file.id, outcome, actorUserId: actor.userId });
    let read: Awaited<ReturnType<typeof readDecrypted>>;
    try {
      read = await readDecrypted(this.storage, file.storage_key, this.keyRing.unwrap(file.wrapped_key, keyContext(file.id)), rangeHeader);
    } catch (error) {
      this.logger.error({ err: loggableError(error), fileId: file.id }, 'could not open a shared file for reading');
      await audited('failure');
      throw new AppError(ErrorCode.Internal, 'This file cannot be read right now.');
    }
    if (read.kind === 'unsatisfiable') {
      await audited('failure');
      response.setHeader('Content-Range', `bytes */${read.totalSize}`);
      throw new AppError(ErrorCode.RangeNotSatisfiable);
    }
    const sent = await sendDecrypted(response, { contentType: file.content_type, fileName: file.file_name }, read);
    if (!sent.ok && !isClientGone(sent.error)) this.logger.error({ err: loggableError(sent.error), fileId: file.id }, 'shared file download cut: the body failed to read or decrypt');
    await audited(sent.ok ? 'success' : 'failure');
  }

  private async deleteObject(storageKey: string, fileId: string): Promise<void> {
    try {
      await this.storage.delete(storageKey);
    } catch (error) {
      // Unreadable without its row's wrapped key; left for an operator to sweep.
      this.logger.error({ err: loggableError(error), fileId }, 'could not delete a shared file object');
    }
  }
}
