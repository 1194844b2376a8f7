import { Inject, Injectable, Logger } from '@nestjs/common';
import { bootstrapClinic } from '../clinics/clinic-bootstrap';
import type { Actor } from '../auth/actor';

export const DEMO_SCHEMA_OWNER_URL = Symbol('DEMO_SCHEMA_OWNER_URL');

export interface FoundedClinic {
  clinicId: string;
}

/** What a clinic applies with (the fields of a clinic application), so the seam's replacement passes them on. */
export interface DemoClinicDetails {
  name: string;
  legalEntity: string;
  country: string;
  timeZone: string;
  contactName: string;
  contactEmail: string;
}

/**
 * The one step of the demo that does not go through the API's services yet: founding an
 * approved clinic and granting the platform operator role. TEMPORARY SEAM: until clinic
 * applications and operators exist (ClinicApplicationsService, ClinicOperatorService), it
 * uses bootstrapClinic() as the schema owner, as tests do, and grants nothing; at that merge
 * only this class's body changes: the grant is made as `npm run operator -- grant` makes the
 * first operator (with the schema owner's URL this class holds), the admin applies, the operator approves.
 */
@Injectable()
export class DemoClinicFounder {
  private readonly logger = new Logger(DemoClinicFounder.name);

  constructor(@Inject(DEMO_SCHEMA_OWNER_URL) private readonly schemaOwnerUrl: string) {}

  /**
   * An approved clinic with `admin` as its first clinic admin: the admin applies with `details` and
   * `approver`, granted operator by grantOperator() first, approves.
   */
  async foundApprovedClinic(
    admin: { actor: Actor; email: string },
    details: DemoClinicDetails,
    approver: Actor,
  ): Promise<FoundedClinic> {
    void approver;
    const { clinicId } = await bootstrapClinic(this.schemaOwnerUrl, { name: details.name, adminEmail: admin.email });
    return { clinicId };
  }

  /** Makes the account with this address a platform operator. */
  async grantOperator(email: string): Promise<void> {
    void email;
    this.logger.warn('demo: this build has no platform operators yet; the demo operator account has no operator role');
  }
}
