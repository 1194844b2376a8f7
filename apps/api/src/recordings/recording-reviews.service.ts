import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type ReviewableRecordingView, type ReviewGrantView } from '@vetmeet/contracts';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { reviewableView } from './recording-views';
import { RecordingsRepository } from './recordings.repository';

/**
 * Support review: support staff, acting in their clinic, see the recordings whose owner's
 * support_review consent stands, and open a review of one with a written reason, which grants
 * them RECORDING_REVIEW_GRANT_HOURS of playback. The database checks the consent again on
 * every read; anyone else, or a recording they may not review, gets "not found".
 */
@Injectable()
export class RecordingReviewsService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly recordings: RecordingsRepository,
    private readonly config: AppConfig,
  ) {}

  async reviewable(actor: Actor): Promise<ReviewableRecordingView[]> {
    await this.requireSupport(actor, 'recording.review.list', null);
    return this.db.runAs(actor, async (manager) => {
      const rows = await this.recordings.reviewable(manager);
      await this.audit.record({
        action: 'recording.review.list',
        entityType: 'clinic',
        entityId: actor.clinicId,
        outcome: 'success',
      });
      return rows.map(reviewableView);
    });
  }

  async open(actor: Actor, recordingId: string, reason: string): Promise<ReviewGrantView> {
    await this.requireSupport(actor, 'recording.review.open', recordingId);
    const clinicId = actor.clinicId as string;
    return this.db.runAs(actor, async (manager) => {
      const reviewable = (await this.recordings.reviewable(manager)).some((row) => row.id === recordingId);
      if (!reviewable) {
        await this.denied(actor, 'recording.review.open', recordingId);
        throw new AppError(ErrorCode.NotFound, 'No such recording.');
      }
      const grant = await this.recordings.insertGrant(manager, {
        id: randomUUID(),
        recordingId,
        clinicId,
        supportUserId: actor.userId,
        reason,
        hours: this.config.RECORDING_REVIEW_GRANT_HOURS,
      });
      const event = { action: 'recording.review.open', entityType: 'recording_review_grant', entityId: grant.id };
      await this.audit.record({ ...event, outcome: 'success' });
      const [grantedAt, expiresAt] = [grant.granted_at.toISOString(), grant.expires_at.toISOString()];
      return { id: grant.id, recordingId, grantedAt, expiresAt };
    });
  }

  /** Support staff acting in a clinic, or "not found": nobody else learns what can be reviewed. */
  private async requireSupport(actor: Actor, action: string, recordingId: string | null): Promise<void> {
    if (actor.clinicId && this.access.allows(actor, Permission.RecordingReview, actor.clinicId)) return;
    await this.denied(actor, action, recordingId);
    throw new AppError(ErrorCode.NotFound, recordingId ? 'No such recording.' : 'Nothing to review here.');
  }

  private denied(actor: Actor, action: string, recordingId: string | null): Promise<void> {
    return this.audit.recordIndependently({
      action,
      entityType: recordingId ? 'recording' : 'clinic',
      entityId: recordingId ?? actor.clinicId,
      outcome: 'denied',
    });
  }
}
