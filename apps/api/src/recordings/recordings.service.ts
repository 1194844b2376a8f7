import { Injectable } from '@nestjs/common';
import { ErrorCode, type RecordingView } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { findParticipation } from '../consultations/consultation-participation';
import { DatabaseContext } from '../database/database-context';
import { recordingView } from './recording-views';
import { RecordingsRepository } from './recordings.repository';

/**
 * Reading recordings as a person: the consultation's participants, or support staff with an
 * active review grant. Row-level security decides what exists for the asker; anything it hides
 * is "not found", audited.
 */
@Injectable()
export class RecordingsService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly recordings: RecordingsRepository,
  ) {}

  async forConsultation(actor: Actor, consultationId: string): Promise<RecordingView[]> {
    const listEvent = { action: 'recording.list', entityType: 'consultation', entityId: consultationId };
    return this.db.runAs(actor, async (manager) => {
      if (!(await findParticipation(manager, actor.userId, consultationId))) {
        await this.audit.recordIndependently({ ...listEvent, outcome: 'denied' });
        throw new AppError(ErrorCode.NotFound, 'No such consultation.');
      }
      const recordings = await this.recordings.forConsultation(manager, consultationId);
      const segments = await this.recordings.segmentsOf(manager, recordings.map((recording) => recording.id));
      await this.audit.record({ ...listEvent, outcome: 'success' });
      return recordings.map((recording) => recordingView(recording, segments));
    });
  }

  async one(actor: Actor, recordingId: string): Promise<RecordingView> {
    const readEvent = { action: 'recording.read', entityType: 'recording', entityId: recordingId };
    return this.db.runAs(actor, async (manager) => {
      const recording = await this.recordings.byId(manager, recordingId);
      if (!recording) {
        await this.audit.recordIndependently({ ...readEvent, outcome: 'denied' });
        throw new AppError(ErrorCode.NotFound, 'No such recording.');
      }
      const segments = await this.recordings.segmentsOf(manager, [recording.id]);
      await this.audit.record({ ...readEvent, outcome: 'success' });
      return recordingView(recording, segments);
    });
  }
}
