import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { ConsentPurpose } from './consent-purpose';

/** One appended answer, as committed. */
export interface ConsentChanged {
  consultationId: string;
  userId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  recordedAt: Date;
}

export interface ConsentEventMap {
  changed: [ConsentChanged];
}

/**
 * Every answer appended to the ledger, emitted after its transaction committed, so the room's
 * recorder can stop within a second of a withdrawal (and a support grant can end). In-process:
 * several app nodes would relay these through Redis, as ConsultationEvents would. Listeners run
 * synchronously in the emitter's call: keep them short and never throw.
 */
@Injectable()
export class ConsentEvents extends EventEmitter<ConsentEventMap> {}
