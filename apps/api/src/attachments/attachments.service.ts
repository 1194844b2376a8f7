import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type AttachmentView } from '@vetmeet/contracts';
import { MasterKeyRing, generateDataKey, wrappedKeyId } from '@vetmeet/crypto';
import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { isClientGone, isInsertRefused } from './upload-failures';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext } from '../database/database-context';
import { Pet } from '../pets/pet.entity';
import { ObjectStorage } from '../storage/object-storage';
import { StorageQuota } from '../storage/storage-quota';
import { sendDecrypted } from './attachment-response';
import { readDecrypted, storeEncrypted } from './encrypted-body';
import { discardBody, receiveUpload } from './multipart-upload';
import { PET_ATTACHMENT_FORM } from './pet-attachment-form';
import { AttachmentKind, PetAttachment } from './pet-attachment.entity';

const toView = (attachment: PetAttachment): AttachmentView => ({
  id: attachment.id,
  kind: attachment.kind,
  fileName: attachment.fileName,
  contentType: attachment.contentType,
  sizeBytes: Number(attachment.sizeBytes),
  createdAt: attachment.createdAt.toISOString(),
});

/** The wrapped data key opens only for its own attachment, so keys cannot be moved between rows. */
const keyContext = (attachmentId: string) => `attachment:${attachmentId}`;
/** Server-made; spread over 256 folders so no single folder grows without bound. */
const storageKeyOf = (attachmentId: string) => `attachments/${attachmentId.slice(0, 2)}/${attachmentId}`;


/**
 * Files in a pet's record: photos, videos, lab results, diagnostic images. Bodies are
 * encrypted while they stream in, each under its own data key, which is stored only
 * wrapped by the master key ring. Queries run as the owner (row-level security); other
 * people's pets and files are "not found". Every upload, list, download and delete is
 * audited, never with a file name or content.
 *
 * No transaction is held open while a body streams: the row is written only after the
 * object is complete, and read before the object is.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
    private readonly quota: StorageQuota,
  ) {}

  list(actor: Actor, petId: string): Promise<AttachmentView[]> {
    return this.db.runAs(actor, async (manager) => {
      await this.requirePet(manager, actor, petId, 'attachment.list');
      const attachments = await manager.find(PetAttachment, { where: { petId, ownerId: actor.userId }, order: { createdAt: 'DESC', id: 'ASC' } });
      await this.audit.record({ action: 'attachment.list', entityType: 'pet', entityId: petId, outcome: 'success' });
      return attachments.map(toView);
    });
  }

  async upload(actor: Actor, petId: string, request: IncomingMessage): Promise<AttachmentView> {
    try {
      await this.db.runAs(actor, async (manager) => {
        await this.requirePet(manager, actor, petId, 'attachment.upload');
        await this.quota.requireRoom(manager, this.quota.petFiles(actor.userId));
      });
    } catch (error) {
      discardBody(request);
      throw error;
    }
    const id = randomUUID();
    const storageKey = storageKeyOf(id);
    const dataKey = generateDataKey();
    const wrappedKey = this.keyRing.wrap(dataKey, keyContext(id));
    try {
      const file = await receiveUpload(request, PET_ATTACHMENT_FORM, async (incoming) => ({ kind: incoming.fields.kind, fileName: incoming.fileName, ...(await storeEncrypted(this.storage, storageKey, dataKey, incoming)) }));
      return await this.db.runAs(actor, async (manager) => {
        const attachment = manager.create(PetAttachment, {
          id,
          petId,
          ownerId: actor.userId,
          kind: file.kind as AttachmentKind,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: String(file.sizeBytes),
          storageKey,
          wrappedKey,
          masterKeyId: wrappedKeyId(wrappedKey),
        });
        await manager.insert(PetAttachment, attachment);
        await this.quota.holdWithin(manager, this.quota.petFiles(actor.userId));
        await this.audit.record({ action: 'attachment.upload', entityType: 'attachment', entityId: id, outcome: 'success' });
        return toView(await manager.findOneByOrFail(PetAttachment, { id }));
      });
    } catch (error) {
      await this.deleteObject(storageKey, id);
      await this.audit.recordIndependently({ action: 'attachment.upload', entityType: 'pet', entityId: petId, outcome: 'failure' });
      if (isInsertRefused(error)) throw new AppError(ErrorCode.NotFound, 'No such pet.');
      throw error;
    }
  }

  /**
   * Sends the decrypted body, or the span a Range header asks for. Audited once, when the
   * outcome is known: success only if every byte went out verified.
   */
  async download(actor: Actor, petId: string, attachmentId: string, rangeHeader: string | undefined, response: Response): Promise<void> {
    const attachment = await this.db.runAs(actor, (manager) => this.findAttachment(manager, actor, petId, attachmentId, 'attachment.download', true));
    await this.send(attachment, rangeHeader, response);
  }

  /**
   * A photo the owner shared with the consultant for a booking, for that consultant, while the
   * booking is paid for (row-level security decides: see LetBookingParticipantsSeeWhatTheyNeed).
   */
  async downloadSharedWithConsultant(actor: Actor, bookingId: string, attachmentId: string, rangeHeader: string | undefined, response: Response): Promise<void> {
    const attachment = await this.db.runAs(actor, async (manager) => {
      const found = await manager
        .createQueryBuilder(PetAttachment, 'attachment')
        .addSelect('attachment.wrappedKey')
        .where('attachment.id = :attachmentId', { attachmentId })
        .andWhere('EXISTS (SELECT 1 FROM bookings b WHERE b.id = :bookingId AND b.consultant_id = :consultantId AND b.pet_id = attachment.pet_id AND attachment.id = ANY (b.photo_attachment_ids))', {
          bookingId,
          consultantId: actor.userId,
        })
        .getOne();
      if (!found) {
        await this.audit.recordIndependently({ action: 'attachment.download', entityType: 'attachment', entityId: attachmentId, outcome: 'denied' });
        throw new AppError(ErrorCode.NotFound, 'No such attachment.');
      }
      return found;
    });
    await this.send(attachment, rangeHeader, response);
  }

  private async send(attachment: PetAttachment, rangeHeader: string | undefined, response: Response): Promise<void> {
    const audited = (outcome: 'success' | 'failure') => this.audit.record({ action: 'attachment.download', entityType: 'attachment', entityId: attachment.id, outcome });
    let read: Awaited<ReturnType<typeof readDecrypted>>;
    try {
      const dataKey = this.keyRing.unwrap(attachment.wrappedKey, keyContext(attachment.id));
      read = await readDecrypted(this.storage, attachment.storageKey, dataKey, rangeHeader);
    } catch (error) {
      this.logger.error({ err: loggableError(error), attachmentId: attachment.id }, 'could not open an attachment for reading');
      await audited('failure');
      throw new AppError(ErrorCode.Internal, 'This file cannot be read right now.');
    }
    if (read.kind === 'unsatisfiable') {
      await audited('failure');
      response.setHeader('Content-Range', `bytes */${read.totalSize}`);
      throw new AppError(ErrorCode.RangeNotSatisfiable);
    }
    const sent = await sendDecrypted(response, attachment, read);
    if (!sent.ok && isClientGone(sent.error)) {
      // Players drop range requests all the time when someone seeks: not our failure.
      this.logger.debug({ attachmentId: attachment.id }, 'client left before the download finished');
    } else if (!sent.ok) {
      this.logger.error({ err: loggableError(sent.error), attachmentId: attachment.id }, 'attachment download cut: the body failed to read or decrypt');
    }
    await audited(sent.ok ? 'success' : 'failure');
  }

  /** The row goes first: with it goes the wrapped key, so even an object left behind can never be read again. */
  async remove(actor: Actor, petId: string, attachmentId: string): Promise<void> {
    const attachment = await this.db.runAs(actor, async (manager) => {
      const found = await this.findAttachment(manager, actor, petId, attachmentId, 'attachment.delete', false);
      await manager.delete(PetAttachment, { id: found.id });
      await this.audit.record({ action: 'attachment.delete', entityType: 'attachment', entityId: found.id, outcome: 'success' });
      return found;
    });
    await this.deleteObject(attachment.storageKey, attachment.id);
  }

  private async requirePet(manager: EntityManager, actor: Actor, petId: string, action: string): Promise<void> {
    if (await manager.existsBy(Pet, { id: petId, ownerId: actor.userId })) return;
    await this.audit.recordIndependently({ action, entityType: 'pet', entityId: petId, outcome: 'denied' });
    throw new AppError(ErrorCode.NotFound, 'No such pet.');
  }

  private async findAttachment(manager: EntityManager, actor: Actor, petId: string, attachmentId: string, action: string, withKey: boolean): Promise<PetAttachment> {
    const query = manager.createQueryBuilder(PetAttachment, 'attachment').where('attachment.id = :attachmentId AND attachment.pet_id = :petId AND attachment.owner_id = :ownerId', {
      attachmentId,
      petId,
      ownerId: actor.userId,
    });
    const attachment = await (withKey ? query.addSelect('attachment.wrappedKey') : query).getOne();
    if (!attachment) {
      await this.audit.recordIndependently({ action, entityType: 'attachment', entityId: attachmentId, outcome: 'denied' });
      throw new AppError(ErrorCode.NotFound, 'No such attachment.');
    }
    return attachment;
  }

  private async deleteObject(storageKey: string, attachmentId: string): Promise<void> {
    try {
      await this.storage.delete(storageKey);
    } catch (error) {
      // Unreadable without its row's wrapped key; left for an operator to sweep.
      this.logger.error({ err: loggableError(error), attachmentId }, 'could not delete an attachment object');
    }
  }
}
