import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { ConsultationStatusValue } from '@vetmeet/contracts';

export interface ConsultationEventMap {
  /** A participant cancelled it over HTTP: a room open for it should close (reason 'cancelled'). */
  cancelled: [{ consultationId: string }];
  /** The sweep closed it because its join window closed: 'ended' if it was in progress, else 'no_show'. */
  lapsed: [{ consultationId: string; status: Extract<ConsultationStatusValue, 'ended' | 'no_show' | 'expired'> }];
}

/**
 * What happened to consultations outside the room, for the room signaling to act on. Emitted
 * after the change committed. In-process: several app nodes would relay these through Redis.
 */
@Injectable()
export class ConsultationEvents extends EventEmitter<ConsultationEventMap> {}
