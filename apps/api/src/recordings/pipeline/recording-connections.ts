import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConsentEvents, type ConsentChanged } from '../../consents/consent-events';
import { ConsentsService } from '../../consents/consents.service';
import { RecordingPorts } from '../capture/recording-ports';
import { JournalRecordingSinks } from './journal-recording-sinks';
import { RecordingRecovery } from './recording-recovery';

/**
 * Connects the rooms' capture to the consent ledger (who consents now, and each withdrawal as
 * it commits) and to the encrypted journal. Until this has run nothing can be recorded (the
 * ports deny by default); it runs once, after start-up recovery, so no new recording begins
 * while the previous process's are still being made whole.
 */
@Injectable()
export class RecordingConnections implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecordingConnections.name);

  constructor(
    private readonly ports: RecordingPorts,
    private readonly consents: ConsentsService,
    private readonly consentEvents: ConsentEvents,
    private readonly sinks: JournalRecordingSinks,
    private readonly recovery: RecordingRecovery,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consentEvents.on('changed', (change) => this.relay(change));
    await this.recovery.recover().catch((error: Error) => this.logger.error(`recording recovery failed: ${error.name}`));
    this.ports.use({
      consent: { standing: (consultationId, userIds) => this.consents.recordingConsentOf(consultationId, userIds) },
      sinks: this.sinks,
    });
  }

  private relay(change: ConsentChanged): void {
    if (change.purpose === 'recording' && !change.granted) this.ports.withdrawn(change.consultationId, change.userId);
  }
}
