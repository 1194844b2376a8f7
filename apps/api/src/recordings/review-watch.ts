import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext } from '../database/database-context';
import { RecordingsRepository } from './recordings.repository';

/** How often a review's playback in progress asks again whether its grant still holds. */
export const REVIEW_RECHECK_MS = 1000;

/**
 * Keeps a reviewer's playback honest while it streams: every second it asks PostgreSQL the
 * same question the request did (recording_review_allowed: grant not expired nor ended, the
 * owner's support_review consent standing), and on a "no" cuts the response off. A check that
 * cannot be made counts as a "no": the review fails closed.
 */
@Injectable()
export class ReviewWatch {
  private readonly logger = new Logger(ReviewWatch.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly recordings: RecordingsRepository,
  ) {}

  /** Starts watching; the answer stops it. */
  whileStreaming(reviewer: Actor, recordingId: string, cut: () => void, everyMs = REVIEW_RECHECK_MS): () => void {
    let checking = false;
    const timer = setInterval(() => {
      if (checking) return;
      checking = true;
      this.db
        .runAs(reviewer, (manager) => this.recordings.reviewAllowed(manager, recordingId))
        .catch((error: unknown) => {
          this.logger.error({ err: loggableError(error), recordingId }, 'could not re-check a review grant: cut');
          return false;
        })
        .then((allowed) => {
          checking = false;
          if (!allowed) {
            clearInterval(timer);
            cut();
          }
        });
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
