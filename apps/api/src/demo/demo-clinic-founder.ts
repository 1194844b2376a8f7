import { Inject, Injectable } from '@nestjs/common';
import type { ClinicApplicationPayload } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { ClinicApplicationsService } from '../clinic-applications/clinic-applications.service';
import { ClinicOperatorService } from '../operators/clinic-operator.service';
import { withSchemaOwnerOperators } from '../operators/schema-owner-operators';

export const DEMO_SCHEMA_OWNER_URL = Symbol('DEMO_SCHEMA_OWNER_URL');

export interface FoundedClinic {
  clinicId: string;
}

/** What a clinic applies with: the fields of a clinic application. */
export type DemoClinicDetails = ClinicApplicationPayload;

/**
 * How the demo's clinic comes into being, as a real one does: its admin applies, a platform
 * operator approves. The operator is granted as `npm run operator -- grant` grants the first
 * one, on the schema owner's connection, since nobody may grant it through the API.
 */
@Injectable()
export class DemoClinicFounder {
  constructor(
    @Inject(DEMO_SCHEMA_OWNER_URL) private readonly schemaOwnerUrl: string,
    private readonly applications: ClinicApplicationsService,
    private readonly clinicOperators: ClinicOperatorService,
  ) {}

  /**
   * An approved clinic with `admin` (a verified account) as its first clinic admin: the admin
   * applies with `details`, and `approver`, granted operator by grantOperator() first, approves.
   * Nobody is mailed: the demo's addresses are made up.
   */
  async foundApprovedClinic(
    admin: { actor: Actor },
    details: DemoClinicDetails,
    approver: Actor,
  ): Promise<FoundedClinic> {
    const application = await this.applications.apply(admin.actor, details);
    await this.clinicOperators.approveWithoutMail(approver, application.id);
    return { clinicId: application.id };
  }

  /** Makes the account with this address a platform operator (audited, as the shell command's grant is). */
  async grantOperator(email: string): Promise<void> {
    await withSchemaOwnerOperators(this.schemaOwnerUrl, (operators) => operators.grant(email));
  }
}
