import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type ClinicApplicationPayload, type ClinicApplicationView } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { ClinicRecords, toClinicView } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { DatabaseContext } from '../database/database-context';


/**
 * A verified account applies for a clinic (pending until a platform operator decides) and
 * follows its application. The applicant becomes the clinic's first admin on approval
 * (ClinicOperatorService.approve); until then they see their application and nothing else.
 */
@Injectable()
export class ClinicApplicationsService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
  ) {}

  async apply(actor: Pick<Actor, 'userId'>, request: ClinicApplicationPayload): Promise<ClinicApplicationView> {
    const refuse = async (code: ErrorCode) => {
      const event = { action: 'clinic.apply', entityType: 'clinic', outcome: 'denied', clinicId: null } as const;
      await this.audit.recordIndependently({ ...event, actorUserId: actor.userId });
      return new AppError(code);
    };
    const row = await this.db
      .runAs({ userId: actor.userId, clinicId: null }, async (manager) => {
        const sql = 'SELECT app_current_user_is_verified() AS verified';
        const [account] = await manager.query<{ verified: boolean }[]>(sql);
        if (!account.verified) throw await refuse(ErrorCode.EmailNotVerified);
        if (await ClinicRecords.hasPendingApplication(manager, actor.userId)) {
          throw await refuse(ErrorCode.ClinicApplicationPending);
        }
        const inserted = await ClinicRecords.insertApplication(manager, randomUUID(), actor.userId, request);
        const event = { action: 'clinic.apply', entityType: 'clinic', entityId: inserted.id } as const;
        await this.audit.record({ ...event, outcome: 'success', clinicId: null });
        return inserted;
      })
      .catch(async (error: unknown) => {
        // Two applications sent at once: clinics_one_pending_application keeps one waiting.
        if (isUniqueViolation(error)) throw await refuse(ErrorCode.ClinicApplicationPending);
        throw error;
      });
    return toClinicView(row);
  }

  /** The person's own applications, newest first, with each one's status and reason. */
  mine(actor: Pick<Actor, 'userId'>): Promise<ClinicApplicationView[]> {
    return this.db.runAs({ userId: actor.userId, clinicId: null }, async (manager) => {
      const rows = await ClinicRecords.applicationsOf(manager, actor.userId);
      const event = { action: 'clinic.application_list', entityType: 'clinic', outcome: 'success' } as const;
      await this.audit.record({ ...event, clinicId: null });
      return rows.map(toClinicView);
    });
  }
}
