import { Injectable } from '@nestjs/common';
import { ErrorCode, type ClinicProfilePayload, type ClinicProfileView } from '@vetmeet/contracts';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { isValidTimeZone } from '../availability/zoned-time';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { toClinicProfileView } from './clinic-profile-views';
import { ClinicProfilesRepository } from './clinic-profiles.repository';

const noClinic = () => new AppError(ErrorCode.NotFound, 'No such clinic.');
const UPDATE = 'clinic_profile.update';

/**
 * A clinic's profile, kept by its admins acting in it: access first, then everything runs as
 * the admin, so row-level security holds them to their own clinic too. Audited without content.
 */
@Injectable()
export class ClinicProfilesService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  async get(actor: Actor, clinicId: string): Promise<ClinicProfileView> {
    await this.access.require(actor, Permission.ClinicProfileManage, clinicId);
    return this.db.runAs(actor, async (manager) => {
      const clinic = await new ClinicProfilesRepository(manager).find(clinicId);
      if (!clinic) throw noClinic();
      return toClinicProfileView(clinic);
    });
  }

  async put(actor: Actor, clinicId: string, request: ClinicProfilePayload): Promise<ClinicProfileView> {
    await this.access.require(actor, Permission.ClinicProfileManage, clinicId);
    if (!isValidTimeZone(request.timeZone)) {
      await this.denied(clinicId);
      const problems = ['timeZone: must be an IANA time zone'];
      throw new AppError(ErrorCode.ValidationFailed, 'The clinic profile is not valid.', problems);
    }
    return this.db.runAs(actor, async (manager) => {
      const clinics = new ClinicProfilesRepository(manager);
      if (!(await clinics.find(clinicId, { lock: true }))) throw noClinic();
      const updated = await clinics.update(clinicId, {
        name: request.name.trim(),
        timeZone: request.timeZone,
        addressLines: request.address.lines.map((line) => line.trim()).filter(Boolean),
        addressCity: request.address.city.trim(),
        addressPostcode: request.address.postcode.trim(),
        addressCountry: request.address.country ?? null,
        defaultCurrency: request.defaultCurrency,
        directoryShowLogo: request.directory.showLogo,
        directoryAddress: request.directory.address,
      });
      if (!updated) throw noClinic();
      await this.audit.record({ action: UPDATE, entityType: 'clinic', entityId: clinicId, outcome: 'success' });
      const saved = await clinics.find(clinicId);
      if (!saved) throw noClinic();
      return toClinicProfileView(saved);
    });
  }

  private denied(clinicId: string): Promise<void> {
    return this.audit.recordIndependently({ action: UPDATE, entityType: 'clinic', entityId: clinicId, outcome: 'denied' });
  }
}
