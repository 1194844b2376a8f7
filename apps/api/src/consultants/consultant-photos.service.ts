import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { CONSULTANT_PHOTO_MAX_BYTES, CONSULTANT_PHOTO_TYPES, ErrorCode, type ConsultantOwnProfileView } from '@vetmeet/contracts';
import { MasterKeyRing, generateDataKey, wrappedKeyId } from '@vetmeet/crypto';
import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import { sendDecrypted } from '../attachments/attachment-response';
import { readDecrypted, storeEncrypted } from '../attachments/encrypted-body';
import { discardBody, receiveUpload, type UploadForm } from '../attachments/multipart-upload';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { ConsultantProfile } from './consultant-profile.entity';
import { toOwnProfileView } from './consultant-views';

/** Just the file: nothing else is sent with a profile photo. */
const PHOTO_FORM: UploadForm<Record<string, never>> = {
  fields: [],
  describe: 'the field file',
  maxRequestBytes: CONSULTANT_PHOTO_MAX_BYTES + 64 * 1024,
  accept: () => ({ fields: {}, rules: { what: 'a profile photo', maxBytes: CONSULTANT_PHOTO_MAX_BYTES, contentTypes: CONSULTANT_PHOTO_TYPES } }),
};

const storageKeyOf = (photoId: string) => `consultant-photos/${photoId.slice(0, 2)}/${photoId}`;
/** The wrapped key opens only for its own photo. */
const keyContext = (photoId: string) => `consultant-photo:${photoId}`;
const noPhoto = () => new AppError(ErrorCode.NotFound, 'No photo.');

interface StoredPhoto {
  photoId: string;
  contentType: string;
  wrappedKey: Buffer;
}

/**
 * A consultant's profile photo, stored like attachments: checked by its content's type while
 * it streams in, encrypted under its own data key, written before its row. Replacing or
 * removing one deletes the old object after the row has moved on. Published profiles' photos
 * are public, like the rest of the profile.
 */
@Injectable()
export class ConsultantPhotosService {
  private readonly logger = new Logger(ConsultantPhotosService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
  ) {}

  async upload(actor: Actor, clinicId: string, request: IncomingMessage): Promise<ConsultantOwnProfileView> {
    try {
      await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
      await this.db.runAs(actor, (manager) => this.ownProfile(manager, actor, clinicId));
    } catch (error) {
      discardBody(request);
      throw error;
    }
    const photoId = randomUUID();
    const dataKey = generateDataKey();
    const wrappedKey = this.keyRing.wrap(dataKey, keyContext(photoId));
    try {
      const stored = await receiveUpload(request, PHOTO_FORM, (file) => storeEncrypted(this.storage, storageKeyOf(photoId), dataKey, file));
      const { previous, view } = await this.db.runAs(actor, async (manager) => {
        const profile = await this.ownProfile(manager, actor, clinicId);
        await manager.update(
          ConsultantProfile,
          { consultantId: actor.userId },
          { photoId, photoContentType: stored.contentType, photoWrappedKey: wrappedKey, photoMasterKeyId: wrappedKeyId(wrappedKey) },
        );
        await this.audit.record({ action: 'consultant_photo.upload', entityType: 'consultant_profile', entityId: actor.userId, outcome: 'success' });
        return { previous: profile.photoId, view: toOwnProfileView(await this.ownProfile(manager, actor, clinicId)) };
      });
      if (previous) await this.deleteObject(previous);
      return view;
    } catch (error) {
      await this.deleteObject(photoId);
      await this.audit.recordIndependently({ action: 'consultant_photo.upload', entityType: 'consultant_profile', entityId: actor.userId, outcome: 'failure' });
      throw error;
    }
  }

  async remove(actor: Actor, clinicId: string): Promise<void> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    const previous = await this.db.runAs(actor, async (manager) => {
      const profile = await this.ownProfile(manager, actor, clinicId);
      if (!profile.photoId) throw noPhoto();
      await manager.update(ConsultantProfile, { consultantId: actor.userId }, { photoId: null, photoContentType: null, photoWrappedKey: null, photoMasterKeyId: null });
      await this.audit.record({ action: 'consultant_photo.delete', entityType: 'consultant_profile', entityId: actor.userId, outcome: 'success' });
      return profile.photoId;
    });
    await this.deleteObject(previous);
  }

  /**
   * The consultant's own photo, published or not. No X-Clinic-Id needed (an <img> cannot send
   * one): it is their own row, which row-level security lets them read from anywhere.
   */
  async sendOwn(actor: Actor, clinicId: string, response: Response): Promise<void> {
    const photo = await this.db.runAs(actor, (manager) => this.photoOf(manager, { consultantId: actor.userId, clinicId }));
    await this.send(photo, response);
  }

  /** A published consultant's photo, for anyone. */
  async sendPublished(consultantId: string, response: Response): Promise<void> {
    const photo = await this.db.runAs(null, (manager) => this.photoOf(manager, { consultantId, published: true }));
    await this.send(photo, response);
  }

  private async ownProfile(manager: EntityManager, actor: Actor, clinicId: string): Promise<ConsultantProfile> {
    const profile = await manager.findOne(ConsultantProfile, { where: { consultantId: actor.userId, clinicId }, lock: { mode: 'pessimistic_write' } });
    if (!profile) throw new AppError(ErrorCode.NotFound, 'You have no consultant profile in this clinic yet: create it first.');
    return profile;
  }

  private async photoOf(manager: EntityManager, where: { consultantId: string; clinicId?: string; published?: boolean }): Promise<StoredPhoto> {
    const profile = await manager
      .createQueryBuilder(ConsultantProfile, 'p')
      .addSelect('p.photoWrappedKey')
      .where(where)
      .getOne();
    if (!profile?.photoId || !profile.photoContentType || !profile.photoWrappedKey) throw noPhoto();
    return { photoId: profile.photoId, contentType: profile.photoContentType, wrappedKey: profile.photoWrappedKey };
  }

  private async send(photo: StoredPhoto, response: Response): Promise<void> {
    let read: Awaited<ReturnType<typeof readDecrypted>>;
    try {
      read = await readDecrypted(this.storage, storageKeyOf(photo.photoId), this.keyRing.unwrap(photo.wrappedKey, keyContext(photo.photoId)), undefined);
    } catch (error) {
      this.logger.error({ err: loggableError(error), photoId: photo.photoId }, 'could not open a consultant photo for reading');
      throw new AppError(ErrorCode.Internal, 'This photo cannot be read right now.');
    }
    if (read.kind !== 'body') throw noPhoto();
    const sent = await sendDecrypted(response, { contentType: photo.contentType, fileName: 'photo' }, read);
    if (!sent.ok) this.logger.debug({ photoId: photo.photoId }, 'consultant photo download cut');
  }

  private async deleteObject(photoId: string): Promise<void> {
    try {
      await this.storage.delete(storageKeyOf(photoId));
    } catch (error) {
      // Unreadable without its row's wrapped key; left for an operator to sweep.
      this.logger.error({ err: loggableError(error), photoId }, 'could not delete a consultant photo object');
    }
  }
}
