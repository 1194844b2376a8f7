import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BookingStatus } from '../bookings/booking.entity';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { MailLinks } from '../mail/mail-links';
import { MailSettings } from '../mail/mail-settings';
import { EmailNotSentError, Mailer } from '../mail/mailer';
import { BookingNotificationKind } from './booking-notification.entity';
import { toClaimedNotification, type ClaimedNotification, type ClaimedNotificationRow } from './claimed-notification';
import { composeNotificationMail } from './notification-mail';

/** What one pass did, in counts: the only thing its log line says. */
export interface NotificationPass {
  sent: number;
  skipped: number;
  /** Failed for now, tried again later. */
  retrying: number;
  gaveUp: number;
}

type Outcome = keyof NotificationPass;

/** Rows claimed at once: few, so a batch is done long before its lease ends. */
const BATCH_SIZE = 5;
/** At most this many batches per pass; the next pass takes the rest. */
const MAX_BATCHES = 40;
/**
 * How long a claimed row is ours: another process claims it again only after this. Far
 * longer than a batch can take (five sends of at most three SMTP tries with 15 s timeouts).
 */
const LEASE = '10 minutes';
/** Waits after the 1st, 2nd, … failed try; after the last, the sender gives up (about 4.5 hours in all). */
const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 180];
export const NOTIFICATION_MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * Sends the booking emails of the outbox (booking_notifications) as they fall due, every
 * NOTIFICATION_POLL_SECONDS, or when `sendDue()` is called. The schedule lives in the
 * database, so a restart loses nothing; it acts for nobody, through SECURITY DEFINER
 * functions that claim due rows (FOR UPDATE SKIP LOCKED, then a lease), so two app
 * processes never work on the same row.
 *
 * Never twice: a row is marked sent in the database as soon as SMTP accepted its message.
 * One window remains, a crash (or a lost database) between SMTP's acceptance and that mark:
 * the lease then runs out and the row is sent again. Every try of a row carries the same
 * Message-ID (`<booking-notification.ROW_ID@sender domain>`), and receiving mail systems
 * drop a message whose Message-ID they already delivered, so even then the person sees one.
 *
 * A reminder whose booking is no longer confirmed, moved, or already started is marked
 * skipped instead of sent. A transient SMTP failure is retried with backoff up to
 * NOTIFICATION_MAX_ATTEMPTS tries; a permanent one (5xx) is given up at once; both record a
 * code only. Logs carry ids and counts.
 */
@Injectable()
export class NotificationSender implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSender.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: DatabaseContext,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    private readonly settings: MailSettings,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.NOTIFICATION_POLL_SECONDS === 0) return;
    this.timer = setInterval(() => void this.sendDueQuietly(), this.config.NOTIFICATION_POLL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over what is due now. Callable directly (tests, an operator command); passes may overlap safely. */
  async sendDue(): Promise<NotificationPass> {
    const pass: NotificationPass = { sent: 0, skipped: 0, retrying: 0, gaveUp: 0 };
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const claimed = await this.claim();
      for (const row of claimed) pass[await this.deliver(row)] += 1;
      if (claimed.length < BATCH_SIZE) break;
    }
    if (pass.sent + pass.skipped + pass.retrying + pass.gaveUp > 0) this.logger.log(pass, 'booking emails processed');
    return pass;
  }

  /** What the timer runs: one pass at a time, failures logged (the next pass tries again). */
  async sendDueQuietly(): Promise<void> {
    if (this.running) return;
    this.running = this.sendDue().catch((error: unknown) => this.logger.error({ err: loggableError(error) }, 'booking email pass failed'));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async claim(): Promise<ClaimedNotification[]> {
    const rows = await this.db.run(NOBODY, (manager) =>
      manager.query<ClaimedNotificationRow[]>('SELECT * FROM booking_notifications_claim($1, $2::interval)', [BATCH_SIZE, LEASE]),
    );
    return rows.map(toClaimedNotification);
  }

  private async deliver(row: ClaimedNotification): Promise<Outcome> {
    const context = { notificationId: row.id, bookingId: row.bookingId, kind: row.kind, attempt: row.attempts };
    const stale = row.kind === BookingNotificationKind.Reminder ? staleReminder(row, new Date()) : undefined;
    if (stale) {
      await this.settle('booking_notifications_mark_skipped($1, $2)', [row.id, stale]);
      this.logger.log({ ...context, reason: stale }, 'booking reminder skipped');
      return 'skipped';
    }

    let messageId: string;
    try {
      ({ messageId } = await this.mailer.send(composeNotificationMail(row, this.links, this.settings)));
    } catch (error) {
      return this.failed(row, context, error);
    }
    // The one window left: see the class comment. A failure here leaves the row leased; it is resent, same Message-ID, after the lease.
    await this.settle('booking_notifications_mark_sent($1, $2)', [row.id, messageId]);
    return 'sent';
  }

  private async failed(row: ClaimedNotification, context: object, error: unknown): Promise<Outcome> {
    const { code, retryable } = describeFailure(error);
    const retryInMinutes = retryable && row.attempts < NOTIFICATION_MAX_ATTEMPTS ? RETRY_DELAYS_MINUTES[row.attempts - 1] : undefined;
    await this.settle('booking_notifications_mark_failed($1, $2, $3::interval)', [row.id, code, retryInMinutes === undefined ? null : `${retryInMinutes} minutes`]);
    if (retryInMinutes !== undefined) {
      this.logger.warn({ ...context, code, retryInMinutes }, 'booking email not sent yet, will retry');
      return 'retrying';
    }
    this.logger.error({ ...context, code }, 'booking email given up');
    return 'gaveUp';
  }

  private async settle(call: string, parameters: unknown[]): Promise<void> {
    await this.db.run(NOBODY, (manager) => manager.query(`SELECT ${call}`, parameters));
  }
}

/** Why a reminder no longer applies, or undefined when it does. */
export function staleReminder(row: Pick<ClaimedNotification, 'bookingStatus' | 'bookingStartsAt' | 'startsAt'>, now: Date): string | undefined {
  if (row.bookingStatus !== BookingStatus.Confirmed) return 'booking_not_confirmed';
  if (row.bookingStartsAt.getTime() !== row.startsAt.getTime()) return 'booking_moved';
  if (row.bookingStartsAt <= now) return 'booking_started';
  return undefined;
}

/** A code for last_error_code, and whether trying later may help. Server text is never kept: it may quote addresses. */
function describeFailure(error: unknown): { code: string; retryable: boolean } {
  if (error instanceof EmailNotSentError) {
    const { responseCode, code, retryable } = error.failure;
    return { code: responseCode ? `SMTP_${responseCode}` : (code ?? 'EMAIL_NOT_SENT'), retryable };
  }
  // A refused address or an email that cannot be composed will not get better by waiting.
  if (error instanceof AppError) return { code: error.code, retryable: false };
  return { code: 'COMPOSE_FAILED', retryable: false };
}
