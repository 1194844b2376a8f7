import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { CLINIC_LOGO_MAX_BYTES, CLINIC_LOGO_TYPES, ErrorCode, type ClinicProfileView } from '@vetmeet/contracts';
import { MasterKeyRing } from '@vetmeet/crypto';
import type { Response } from 'express';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import { EncryptedImages } from '../attachments/encrypted-images';
import type { UploadForm } from '../attachments/multipart-upload';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { toClinicProfileView } from './clinic-profile-views';
import { ClinicProfilesRepository } from './clinic-profiles.repository';

/** Just the file: nothing else is sent with a logo. */
const LOGO_FORM: UploadForm<Record<string, never>> = {
  fields: [],
  describe: 'the field file',
  maxRequestBytes: CLINIC_LOGO_MAX_BYTES + 64 * 1024,
  accept: () => ({
    fields: {},
    rules: { what: 'a clinic logo', maxBytes: CLINIC_LOGO_MAX_BYTES, contentTypes: CLINIC_LOGO_TYPES },
  }),
};

const LOGOS = { storagePrefix: 'clinic-logos', keyContext: 'clinic-logo', noun: 'logo', logName: 'clinic logo' };
const noClinic = () => new AppError(ErrorCode.NotFound, 'No such clinic.');

/**
 * A clinic's logo, stored like consultant photos: its type read from its bytes while it streams
 * in, encrypted under its own data key, written before its row; the old object is deleted once
 * the row has moved on. Public while the clinic shows it in the directory.
 */
@Injectable()
export class ClinicLogosService {
  private readonly images: EncryptedImages;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    storage: ObjectStorage,
    keyRing: MasterKeyRing,
  ) {
    this.images = new EncryptedImages(LOGOS, storage, keyRing, new Logger(ClinicLogosService.name));
  }

  async upload(actor: Actor, clinicId: string, request: IncomingMessage): Promise<ClinicProfileView> {
    await this.images.beforeReading(request, () =>
      this.access.require(actor, Permission.ClinicProfileManage, clinicId),
    );
    try {
      const { previous, view } = await this.images.receive(request, LOGO_FORM, (image) =>
        this.db.runAs(actor, async (manager) => {
          const clinics = new ClinicProfilesRepository(manager);
          const clinic = await clinics.find(clinicId, { lock: true });
          if (!clinic) throw noClinic();
          const { imageId: logoId, contentType, wrappedKey, masterKeyId } = image;
          await clinics.setLogo(clinicId, { logoId, contentType, wrappedKey, masterKeyId });
          await this.audited('clinic_logo.upload', clinicId, 'success');
          const saved = await clinics.find(clinicId);
          if (!saved) throw noClinic();
          return { previous: clinic.logoId, view: toClinicProfileView(saved) };
        }),
      );
      if (previous) await this.images.deleteObject(previous);
      return view;
    } catch (error) {
      await this.audit.recordIndependently({
        action: 'clinic_logo.upload',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'failure',
      });
      throw error;
    }
  }

  async remove(actor: Actor, clinicId: string): Promise<void> {
    await this.access.require(actor, Permission.ClinicProfileManage, clinicId);
    const previous = await this.db.runAs(actor, async (manager) => {
      const clinics = new ClinicProfilesRepository(manager);
      const clinic = await clinics.find(clinicId, { lock: true });
      if (!clinic) throw noClinic();
      if (!clinic.logoId) throw this.images.notFound();
      await clinics.setLogo(clinicId, null);
      await this.audited('clinic_logo.delete', clinicId, 'success');
      return clinic.logoId;
    });
    await this.images.deleteObject(previous);
  }

  /** For the clinic's staff, shown or not. An <img> sends no X-Clinic-Id: membership (row-level security) decides. */
  async sendToStaff(actor: Actor, clinicId: string, response: Response): Promise<void> {
    const logo = await this.db.runAs(actor, (manager) =>
      new ClinicProfilesRepository(manager).logo(clinicId, 'members'),
    );
    await this.images.send(logo && { ...logo, imageId: logo.logoId }, response);
  }

  /** For anyone, while the clinic shows it and is in the directory (row-level security shows only those clinics). */
  async sendPublic(clinicId: string, response: Response): Promise<void> {
    const logo = await this.db.runAs(null, (manager) =>
      new ClinicProfilesRepository(manager).logo(clinicId, 'public'),
    );
    await this.images.send(logo && { ...logo, imageId: logo.logoId }, response);
  }

  private audited(action: string, clinicId: string, outcome: 'success'): Promise<void> {
    return this.audit.record({ action, entityType: 'clinic', entityId: clinicId, outcome });
  }
}
