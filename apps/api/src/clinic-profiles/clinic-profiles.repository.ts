import type { EntityManager } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity';

/** A logo as stored: its object's id, type and wrapped data key. */
export interface StoredLogo {
  logoId: string;
  contentType: string;
  wrappedKey: Buffer;
}

export type ClinicProfileFields = Pick<
  Clinic,
  | 'name'
  | 'timeZone'
  | 'addressLines'
  | 'addressCity'
  | 'addressPostcode'
  | 'addressCountry'
  | 'defaultCurrency'
  | 'directoryShowLogo'
  | 'directoryAddress'
>;

/**
 * The clinic profile's SQL (columns of clinics, clinic-profiles.schema.ts), in the caller's
 * transaction and acting scope: row-level security shows a clinic to its members (and to
 * anyone while it lists a published consultant) and lets only its acting admins change it.
 */
export class ClinicProfilesRepository {
  constructor(private readonly manager: EntityManager) {}

  find(clinicId: string, options: { lock?: boolean } = {}): Promise<Clinic | null> {
    return this.manager.findOne(Clinic, {
      where: { id: clinicId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** False when the row is not there for this scope (not visible, or not the acting admin's to change). */
  async update(clinicId: string, fields: ClinicProfileFields): Promise<boolean> {
    const result = await this.manager.update(Clinic, { id: clinicId }, fields);
    return (result.affected ?? 0) > 0;
  }

  async setLogo(clinicId: string, logo: (StoredLogo & { masterKeyId: string }) | null): Promise<void> {
    await this.manager.update(
      Clinic,
      { id: clinicId },
      logo
        ? {
            logoId: logo.logoId,
            logoContentType: logo.contentType,
            logoWrappedKey: logo.wrappedKey,
            logoMasterKeyId: logo.masterKeyId,
          }
        : { logoId: null, logoContentType: null, logoWrappedKey: null, logoMasterKeyId: null },
    );
  }

  /**
   * The clinic's logo: for 'members', only to the clinic's own staff (a clinic in the directory is
   * visible to everyone); for 'public', only while the clinic shows it in the directory.
   */
  async logo(clinicId: string, audience: 'members' | 'public'): Promise<StoredLogo | null> {
    const builder = this.manager
      .createQueryBuilder(Clinic, 'c')
      .addSelect('c.logoWrappedKey')
      .where('c.id = :clinicId', { clinicId });
    if (audience === 'public') builder.andWhere('c.directoryShowLogo');
    else builder.andWhere(`EXISTS (SELECT 1 FROM clinic_memberships m
      WHERE m.clinic_id = c.id AND m.user_id = app_current_user_id())`);
    const clinic = await builder.getOne();
    if (!clinic?.logoId || !clinic.logoContentType || !clinic.logoWrappedKey) return null;
    return { logoId: clinic.logoId, contentType: clinic.logoContentType, wrappedKey: clinic.logoWrappedKey };
  }
}
