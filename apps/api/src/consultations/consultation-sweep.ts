import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { loggableError } from '../common/errors/loggable-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { ConsultationEvents } from './consultation-events';

export interface LapsedConsultation {
  consultationId: string;
  clinicId: string;
  status: 'ended' | 'no_show' | 'expired';
}

/**
 * Closes consultations whose join window has closed: one in progress is ended, one that
 * never started (scheduled, waiting) is a no-show, an invitation nobody answered expired. Runs every CONSULTATION_SWEEP_SECONDS;
 * the room refuses joins outside the window by itself, so the lag only delays the status shown.
 * Each change is audited for the consultation's clinic, with no actor (the platform did it).
 */
@Injectable()
export class ConsultationSweep implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ConsultationSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly events: ConsultationEvents,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.CONSULTATION_SWEEP_SECONDS === 0) return;
    this.timer = setInterval(() => void this.sweepQuietly(), this.config.CONSULTATION_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns what it closed. Callable directly (tests, an operator command). */
  async sweep(): Promise<LapsedConsultation[]> {
    const rows = await this.db.run(NOBODY, (manager) =>
      manager.query<{ consultation_id: string; clinic_id: string; status: 'ended' | 'no_show' | 'expired' }[]>('SELECT * FROM consultations_close_lapsed($1::interval)', [
        `${this.config.CONSULTATION_JOIN_CLOSES_MINUTES} minutes`,
      ]),
    );
    const lapsed = rows.map((row) => ({ consultationId: row.consultation_id, clinicId: row.clinic_id, status: row.status }));
    for (const consultation of lapsed) {
      // An expired invitation was never the clinic's to see: its event stays out of the clinic's log.
      const clinicId = consultation.status === 'expired' ? null : consultation.clinicId;
      await this.db.run({ userId: null, clinicId }, () =>
        this.audit.record({ action: `consultation.${consultation.status}`, entityType: 'consultation', entityId: consultation.consultationId, outcome: 'success', clinicId }),
      );
      this.events.emit('lapsed', { consultationId: consultation.consultationId, status: consultation.status });
    }
    if (lapsed.length > 0) this.logger.log({ closed: lapsed.length }, 'closed consultations whose join window ended');
    return lapsed;
  }

  /** What the timer runs: one pass at a time, failures logged (the next pass tries again). */
  async sweepQuietly(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep().catch((error: unknown) => this.logger.error({ err: loggableError(error) }, 'consultation sweep failed'));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
