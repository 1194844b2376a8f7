import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import {
  CONSULTANT_PHOTO_MAX_BYTES,
  CONSULTANT_PHOTO_TYPES,
  ErrorCode,
  type ConsultantOwnProfileView,
} from '@vetmeet/contracts';
import { MasterKeyRing } from '@vetmeet/crypto';
import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import { EncryptedImages, type StoredImage } from '../attachments/encrypted-images';
import type { UploadForm } from '../attachments/multipart-upload';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { ConsultantProfile } from './consultant-profile.entity';
import { toOwnProfileView } from './consultant-views';

/** Just the file: nothing else is sent with a profile photo. */
const PHOTO_FORM: UploadForm<Record<string, never>> = {
  fields: [],
  describe: 'the field file',
  maxRequestBytes: CONSULTANT_PHOTO_MAX_BYTES + 64 * 1024,
  accept: () => ({
    fields: {},
    rules: { what: 'a profile photo', maxBytes: CONSULTANT_PHOTO_MAX_BYTES, contentTypes: CONSULTANT_PHOTO_TYPES },
  }),
};

const PHOTOS = {
  storagePrefix: 'consultant-photos',
  keyContext: 'consultant-photo',
  noun: 'photo',
  logName: 'consultant photo',
};

/**
 * A consultant's profile photo, stored like attachments: checked by its content's type while
 * it streams in, encrypted under its own data key, written before its row. Replacing or
 * removing one deletes the old object after the row has moved on. Published profiles' photos
 * are public, like the rest of the profile.
 */
@Injectable()
export class ConsultantPhotosService {
  private readonly images: EncryptedImages;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    storage: ObjectStorage,
    keyRing: MasterKeyRing,
  ) {
    this.images = new EncryptedImages(PHOTOS, storage, keyRing, new Logger(ConsultantPhotosService.name));
  }

  async upload(actor: Actor, clinicId: string, request: IncomingMessage): Promise<ConsultantOwnProfileView> {
    await this.images.beforeReading(request, async () => {
      await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
      await this.db.runAs(actor, (manager) => this.ownProfile(manager, actor, clinicId));
    });
    try {
      const { previous, view } = await this.images.receive(request, PHOTO_FORM, (image) =>
        this.db.runAs(actor, async (manager) => {
          const profile = await this.ownProfile(manager, actor, clinicId);
          await manager.update(
            ConsultantProfile,
            { consultantId: actor.userId },
            {
              photoId: image.imageId,
              photoContentType: image.contentType,
              photoWrappedKey: image.wrappedKey,
              photoMasterKeyId: image.masterKeyId,
            },
          );
          await this.audit.record(this.event('consultant_photo.upload', actor, 'success'));
          const saved = await this.ownProfile(manager, actor, clinicId);
          return { previous: profile.photoId, view: toOwnProfileView(saved) };
        }),
      );
      if (previous) await this.images.deleteObject(previous);
      return view;
    } catch (error) {
      await this.audit.recordIndependently(this.event('consultant_photo.upload', actor, 'failure'));
      throw error;
    }
  }

  async remove(actor: Actor, clinicId: string): Promise<void> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    const previous = await this.db.runAs(actor, async (manager) => {
      const profile = await this.ownProfile(manager, actor, clinicId);
      if (!profile.photoId) throw this.images.notFound();
      const none = { photoId: null, photoContentType: null, photoWrappedKey: null, photoMasterKeyId: null };
      await manager.update(ConsultantProfile, { consultantId: actor.userId }, none);
      await this.audit.record(this.event('consultant_photo.delete', actor, 'success'));
      return profile.photoId;
    });
    await this.images.deleteObject(previous);
  }

  /**
   * The consultant's own photo, published or not. No X-Clinic-Id needed (an <img> cannot send
   * one): it is their own row, which row-level security lets them read from anywhere.
   */
  async sendOwn(actor: Actor, clinicId: string, response: Response): Promise<void> {
    const photo = await this.db.runAs(actor, (manager) =>
      this.photoOf(manager, { consultantId: actor.userId, clinicId }),
    );
    await this.images.send(photo, response);
  }

  /** A published consultant's photo, for anyone. */
  async sendPublished(consultantId: string, response: Response): Promise<void> {
    const photo = await this.db.runAs(null, (manager) => this.photoOf(manager, { consultantId, published: true }));
    await this.images.send(photo, response);
  }

  private async ownProfile(manager: EntityManager, actor: Actor, clinicId: string): Promise<ConsultantProfile> {
    const profile = await manager.findOne(ConsultantProfile, {
      where: { consultantId: actor.userId, clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!profile) {
      throw new AppError(ErrorCode.NotFound, 'You have no consultant profile in this clinic yet: create it first.');
    }
    return profile;
  }

  private async photoOf(
    manager: EntityManager,
    where: { consultantId: string; clinicId?: string; published?: boolean },
  ): Promise<StoredImage> {
    const profile = await manager
      .createQueryBuilder(ConsultantProfile, 'p')
      .addSelect('p.photoWrappedKey')
      .where(where)
      .getOne();
    if (!profile?.photoId || !profile.photoContentType || !profile.photoWrappedKey) throw this.images.notFound();
    return { imageId: profile.photoId, contentType: profile.photoContentType, wrappedKey: profile.photoWrappedKey };
  }

  private event(action: string, actor: Actor, outcome: 'success' | 'failure') {
    return { action, entityType: 'consultant_profile', entityId: actor.userId, outcome } as const;
  }
}
