import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { MasterKeyRing } from '@vetmeet/crypto';
import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import { sendDecrypted } from '../attachments/attachment-response';
import { readDecrypted, type DecryptedRead } from '../attachments/encrypted-body';
import { isClientGone } from '../attachments/upload-failures';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { RequestContext } from '../common/request/request-context';
import { DatabaseContext } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { recordingKeyContext } from './recording-keys';
import type { RecordingRow, SegmentRow } from './recording-rows';
import { RecordingsRepository } from './recordings.repository';
import { ReviewWatch } from './review-watch';

interface MediaAccess {
  recording: RecordingRow & { wrapped_data_key: Buffer };
  segment: SegmentRow & { object_key: string };
  /** Set when the reader is support staff under a review grant, not a participant. */
  grantId: string | null;
}

type Outcome = 'success' | 'failure' | 'denied';

/**
 * One segment's decrypted WebM, whole or the byte range asked for, to a participant or to support
 * staff under an active review grant. A reviewer's every request and byte range is logged with
 * its grant (recording_review_reads) and audited; while it streams, the grant is checked again
 * every second, and a withdrawal of the owner's consent cuts the response off.
 */
@Injectable()
export class RecordingMediaService {
  private readonly logger = new Logger(RecordingMediaService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly recordings: RecordingsRepository,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
    private readonly watch: ReviewWatch,
  ) {}

  async stream(
    actor: Actor,
    ids: { recordingId: string; segmentId: string; clinicId: string | undefined },
    rangeHeader: string | undefined,
    response: Response,
  ): Promise<void> {
    const { recordingId, segmentId } = ids;
    const reader = await this.inClinic(actor, ids.clinicId);
    const access = await this.db.runAs(reader, (manager) => this.access(manager, reader, recordingId, segmentId));
    let read: DecryptedRead;
    try {
      const dataKey = this.keyRing.unwrap(access.recording.wrapped_data_key, recordingKeyContext(recordingId));
      read = await readDecrypted(this.storage, access.segment.object_key, dataKey, rangeHeader);
    } catch (error) {
      this.logger.error({ err: loggableError(error), recordingId, segmentId }, 'could not open a recording segment');
      await this.audited(reader, access, 'failure');
      throw new AppError(ErrorCode.Internal, 'This recording cannot be read right now.');
    }
    if (read.kind === 'unsatisfiable') {
      await this.audited(reader, access, 'failure');
      response.setHeader('Content-Range', `bytes */${read.totalSize}`);
      throw new AppError(ErrorCode.RangeNotSatisfiable);
    }
    if (access.grantId) await this.logReviewRead(reader, access, read);
    const body = read.body;
    const cut = () => body.destroy(new ReviewEnded());
    const stopWatching = access.grantId ? this.watch.whileStreaming(reader, recordingId, cut) : () => undefined;
    const file = { contentType: access.segment.mime_type, fileName: `segment-${access.segment.sequence}.webm` };
    const sent = await sendDecrypted(response, file, read).finally(stopWatching);
    if (!sent.ok && sent.error instanceof ReviewEnded) return this.audited(reader, access, 'denied');
    const failed = !sent.ok && !isClientGone(sent.error);
    if (failed) this.logger.error({ err: loggableError(sent.error), recordingId, segmentId }, 'recording playback cut');
    // A reviewer's read was audited before it began; a participant's once its outcome is known.
    if (!access.grantId || failed) await this.audited(reader, access, sent.ok ? 'success' : 'failure');
  }

  /** Staff acting in a clinic by ?clinicId= (a media element cannot send X-Clinic-Id): their roles there, or none. */
  private async inClinic(actor: Actor, clinicId: string | undefined): Promise<Actor> {
    if (!clinicId || actor.clinicId === clinicId) return actor;
    const roles = await this.db.runAs({ userId: actor.userId, clinicId: null }, (manager) =>
      this.recordings.rolesIn(manager, actor.userId, clinicId),
    );
    if (roles.length === 0) return actor;
    const inClinic = { ...actor, clinicId, roles };
    // The audit log names the role the person acted in, as for a request with X-Clinic-Id.
    RequestContext.current().actor = inClinic;
    return inClinic;
  }

  private async access(manager: EntityManager, reader: Actor, recordingId: string, segmentId: string) {
    const recording = await this.recordings.byId(manager, recordingId);
    const segment = recording ? await this.recordings.segment(manager, recordingId, segmentId) : undefined;
    const participant = recording && [recording.owner_id, recording.consultant_id].includes(reader.userId);
    const grant = recording && !participant ? await this.recordings.activeGrant(manager, recordingId) : undefined;
    if (!recording?.wrapped_data_key || !segment?.object_key || (!participant && !grant)) {
      await this.refused(reader, segmentId, 'recording.media.read');
      throw new AppError(ErrorCode.NotFound, 'No such recording.');
    }
    return {
      recording: { ...recording, wrapped_data_key: recording.wrapped_data_key },
      segment: { ...segment, object_key: segment.object_key },
      grantId: grant?.grant_id ?? null,
    };
  }

  /** Before the first byte leaves: the grant, segment and range (null: all). Refused if the grant lapsed meanwhile. */
  private async logReviewRead(reader: Actor, access: MediaAccess, read: Extract<DecryptedRead, { kind: 'body' }>) {
    const id = randomUUID();
    const clinicId = access.recording.clinic_id;
    try {
      await this.db.runAs(reader, async (manager) => {
        await this.recordings.logReviewRead(manager, {
          id,
          grantId: access.grantId as string,
          recordingId: access.recording.id,
          clinicId,
          supportUserId: reader.userId,
          segmentId: access.segment.id,
          range: read.span ?? null,
        });
        const event = { action: 'recording.review.read', entityType: 'recording_review_read', entityId: id, clinicId };
        await this.audit.record({ ...event, outcome: 'success' });
      });
    } catch (error) {
      read.body.destroy();
      await this.refused(reader, access.segment.id, 'recording.review.read');
      if ((error as { code?: string }).code === '42501') throw new AppError(ErrorCode.NotFound, 'No such recording.');
      throw error;
    }
  }

  private refused(reader: Actor, segmentId: string, action: string): Promise<void> {
    const event = { action, entityType: 'recording_segment', entityId: segmentId, outcome: 'denied' as const };
    return this.audit.recordIndependently({ ...event, actorUserId: reader.userId, clinicId: reader.clinicId });
  }

  private audited(reader: Actor, access: MediaAccess, outcome: Outcome): Promise<void> {
    return this.audit.recordIndependently({
      action: access.grantId ? 'recording.review.read' : 'recording.media.read',
      entityType: 'recording_segment',
      entityId: access.segment.id,
      outcome,
      actorUserId: reader.userId,
      clinicId: access.grantId ? access.recording.clinic_id : null,
    });
  }
}

/** The review's grant ended (consent withdrawn, expired) while its bytes were streaming. */
export class ReviewEnded extends Error {
  constructor() {
    super('The review grant ended during playback.');
    this.name = 'ReviewEnded';
  }
}
