import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { CLINIC_LOGO_MAX_BYTES, CLINIC_LOGO_TYPES, ErrorCode, type ClinicProfileView } from '@vetmeet/contracts';
import { MasterKeyRing, generateDataKey, wrappedKeyId } from '@vetmeet/crypto';
import type { Response } from 'express';
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
import { toClinicProfileView } from './clinic-profile-views';
import { ClinicProfilesRepository, type StoredLogo } from './clinic-profiles.repository';

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

const storageKeyOf = (logoId: string) => `clinic-logos/${logoId.slice(0, 2)}/${logoId}`;
/** The wrapped key opens only for its own logo. */
const keyContext = (logoId: string) => `clinic-logo:${logoId}`;
const noLogo = () => new AppError(ErrorCode.NotFound, 'No logo.');
const noClinic = () => new AppError(ErrorCode.NotFound, 'No such clinic.');

/**
 * A clinic's logo, stored like consultant photos: its type read from its bytes while it streams
 * in, encrypted under its own data key, written before its row; the old object is deleted once
 * the row has moved on. Public while the clinic shows it in the directory.
 */
@Injectable()
export class ClinicLogosService {
  private readonly logger = new Logger(ClinicLogosService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
  ) {}

  async upload(actor: Actor, clinicId: string, request: IncomingMessage): Promise<ClinicProfileView> {
    try {
      await this.access.require(actor, Permission.ClinicProfileManage, clinicId);
    } catch (error) {
      discardBody(request);
      throw error;
    }
    const logoId = randomUUID();
    const dataKey = generateDataKey();
    const wrappedKey = this.keyRing.wrap(dataKey, keyContext(logoId));
    try {
      const stored = await receiveUpload(request, LOGO_FORM, (file) =>
        storeEncrypted(this.storage, storageKeyOf(logoId), dataKey, file),
      );
      const { previous, view } = await this.db.runAs(actor, async (manager) => {
        const clinics = new ClinicProfilesRepository(manager);
        const clinic = await clinics.find(clinicId, { lock: true });
        if (!clinic) throw noClinic();
        const masterKeyId = wrappedKeyId(wrappedKey);
        await clinics.setLogo(clinicId, { logoId, contentType: stored.contentType, wrappedKey, masterKeyId });
        await this.audited('clinic_logo.upload', clinicId, 'success');
        const saved = await clinics.find(clinicId);
        if (!saved) throw noClinic();
        return { previous: clinic.logoId, view: toClinicProfileView(saved) };
      });
      if (previous) await this.deleteObject(previous);
      return view;
    } catch (error) {
      await this.deleteObject(logoId);
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
      if (!clinic.logoId) throw noLogo();
      await clinics.setLogo(clinicId, null);
      await this.audited('clinic_logo.delete', clinicId, 'success');
      return clinic.logoId;
    });
    await this.deleteObject(previous);
  }

  /** For the clinic's staff, shown or not. An <img> sends no X-Clinic-Id: membership (row-level security) decides. */
  async sendToStaff(actor: Actor, clinicId: string, response: Response): Promise<void> {
    const logo = await this.db.runAs(actor, (manager) =>
      new ClinicProfilesRepository(manager).logo(clinicId, 'members'),
    );
    await this.send(logo, response);
  }

  /** For anyone, while the clinic shows it and is in the directory (row-level security shows only those clinics). */
  async sendPublic(clinicId: string, response: Response): Promise<void> {
    const logo = await this.db.runAs(null, (manager) =>
      new ClinicProfilesRepository(manager).logo(clinicId, 'public'),
    );
    await this.send(logo, response);
  }

  private async send(logo: StoredLogo | null, response: Response): Promise<void> {
    if (!logo) throw noLogo();
    let read: Awaited<ReturnType<typeof readDecrypted>>;
    try {
      const dataKey = this.keyRing.unwrap(logo.wrappedKey, keyContext(logo.logoId));
      read = await readDecrypted(this.storage, storageKeyOf(logo.logoId), dataKey, undefined);
    } catch (error) {
      this.logger.error({ err: loggableError(error), logoId: logo.logoId }, 'could not open a clinic logo for reading');
      throw new AppError(ErrorCode.Internal, 'This logo cannot be read right now.');
    }
    if (read.kind !== 'body') throw noLogo();
    const sent = await sendDecrypted(response, { contentType: logo.contentType, fileName: 'logo' }, read);
    if (!sent.ok) this.logger.debug({ logoId: logo.logoId }, 'clinic logo download cut');
  }

  private audited(action: string, clinicId: string, outcome: 'success'): Promise<void> {
    return this.audit.record({ action, entityType: 'clinic', entityId: clinicId, outcome });
  }

  private async deleteObject(logoId: string): Promise<void> {
    try {
      await this.storage.delete(storageKeyOf(logoId));
    } catch (error) {
      // Unreadable without its row's wrapped key; left for an operator to sweep.
      this.logger.error({ err: loggableError(error), logoId }, 'could not delete a clinic logo object');
    }
  }
}
