import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { RecordingConsentCheck } from './recording-consent';
import type { RecordingSink, RecordingSinks } from './recording-sink';

/** Until the consent ledger is wired, nobody's consent stands: recording cannot start. */
const NO_CONSENT: RecordingConsentCheck = {
  standing: async (_consultationId, userIds) => new Map(userIds.map((userId) => [userId, false])),
};

/** Until the journal is wired, there is nowhere to write: a start is refused with RECORDING_UNAVAILABLE. */
const NO_STORAGE: RecordingSinks = {
  begin: (): Promise<RecordingSink> => Promise.reject(new Error('no recording storage wired')),
};

/**
 * The capture's connections to the rest of recording, set once at start-up by the module
 * that owns them: the consent ledger (consent, and withdrawn() for each withdrawal) and
 * the journal (sinks). Deny by default: without them nothing is recorded.
 */
@Injectable()
export class RecordingPorts {
  consent: RecordingConsentCheck = NO_CONSENT;
  sinks: RecordingSinks = NO_STORAGE;
  readonly withdrawals = new EventEmitter<{ withdrawn: [consultationId: string, userId: string] }>();

  use(ports: { consent?: RecordingConsentCheck; sinks?: RecordingSinks }): void {
    if (ports.consent) this.consent = ports.consent;
    if (ports.sinks) this.sinks = ports.sinks;
  }

  /** A person withdrew their recording consent for a consultation: its room's recording is cut at once. */
  withdrawn(consultationId: string, userId: string): void {
    this.withdrawals.emit('withdrawn', consultationId, userId);
  }
}
