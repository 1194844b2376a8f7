import { Injectable } from '@nestjs/common';
import type { ClinicRecordingSummaryView } from '@vetmeet/contracts';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { DatabaseContext } from '../database/database-context';
import { clinicSummaryView } from './recording-views';
import { RecordingsRepository } from './recordings.repository';

/** A clinic admin's view of the clinic's recordings: that they exist, their size and retention date; never media. */
@Injectable()
export class ClinicRecordingsService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly recordings: RecordingsRepository,
  ) {}

  async list(actor: Actor, clinicId: string): Promise<ClinicRecordingSummaryView[]> {
    await this.access.require(actor, Permission.RecordingList, clinicId);
    return this.db.runAs(actor, async (manager) => {
      const rows = await this.recordings.clinicSummaries(manager, clinicId);
      const event = { action: 'recording.summary.list', entityType: 'clinic', entityId: clinicId };
      await this.audit.record({ ...event, outcome: 'success' });
      return rows.map(clinicSummaryView);
    });
  }
}
