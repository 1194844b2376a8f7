import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { createTransport, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import { Counter } from 'prom-client';
import { AppError } from '../common/errors/app-error';
import { MetricsService } from '../metrics/metrics.service';
import { MailSettings } from './mail-settings';
import { describeSmtpFailure, type SmtpFailure } from './smtp-failure';
import { renderMail, type MailTemplateName, type MailTemplateParams } from './templates';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST` for a booking's .ics file. */
  contentType: string;
}

export interface MailRequest<Name extends MailTemplateName> {
  template: Name;
  /** One address, no display name. */
  to: string;
  params: MailTemplateParams[Name];
  /** The person's language (BCP 47); English when we do not write it yet. */
  locale?: string;
  attachments?: MailAttachment[];
  /**
   * Makes the Message-ID `<messageKey@sender domain>` instead of a fresh one: a message that
   * may be sent again (the booking notification outbox) keeps one id, which mail systems
   * use to drop the duplicate. Letters, digits, dots and dashes.
   */
  messageKey?: string;
}

export interface SentMail {
  /** The Message-ID header, the one thing logs say about an email. */
  messageId: string;
  attempts: number;
}

/** A send that failed after its tries; `failure` says why, in codes only, for a caller that retries later. */
export class EmailNotSentError extends AppError {
  constructor(readonly failure: SmtpFailure) {
    super(ErrorCode.EmailNotSent);
  }
}

const MESSAGE_KEY = /^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/;

/** Three tries in about a second and a half: short enough for a request to wait on. */
export const MAIL_MAX_ATTEMPTS = 3;
const BACKOFF_MS = [250, 1_000];

const PLAIN_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/**
 * Sends the platform's emails through SMTP, rendered from the templates. A transient
 * failure (dropped connection, 4xx reply) is retried with a short backoff; a send that
 * finally fails throws an AppError (EMAIL_NOT_SENT) for the caller to handle or answer with.
 *
 * Logs carry the Message-ID, the template and the outcome, never an address, a link or a
 * body: those hold personal data and sign-in tokens.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter<SMTPSentMessageInfo> | undefined;
  private readonly emails: Counter<'template' | 'outcome'>;
  private readonly retries: Counter<'template'>;

  constructor(
    private readonly settings: MailSettings,
    metrics: MetricsService,
  ) {
    this.transport = settings.smtp && createTransport(settings.smtp);
    this.emails = new Counter({
      name: 'vetmeet_emails_total',
      help: 'Emails by template and outcome (sent, failed).',
      labelNames: ['template', 'outcome'] as const,
      registers: [metrics.registry],
    });
    this.retries = new Counter({
      name: 'vetmeet_email_retries_total',
      help: 'Send attempts repeated after a transient SMTP failure, by template.',
      labelNames: ['template'] as const,
      registers: [metrics.registry],
    });
    if (!this.transport) this.logger.warn('SMTP_URL is not set and no development mailbox runs: emails cannot be sent');
  }

  async send<Name extends MailTemplateName>(request: MailRequest<Name>): Promise<SentMail> {
    if (request.to.length > 254 || !PLAIN_ADDRESS.test(request.to)) throw new AppError(ErrorCode.ValidationFailed, 'The email address is not valid.');
    const { subject, text, html } = renderMail(request.template, request.params, request.locale);
    if (request.messageKey !== undefined && !MESSAGE_KEY.test(request.messageKey)) throw new Error('A message key is letters, digits, dots and dashes.');
    const messageId = `<${request.messageKey ?? randomUUID()}@${this.settings.fromDomain}>`;
    const context = { messageId, template: request.template };

    if (!this.transport) return this.fail(context, 0, { reason: 'no mail server configured' }, { code: 'ENOTCONFIGURED', retryable: true });
    const message = { from: this.settings.from, to: request.to, subject, text, html, attachments: request.attachments, messageId };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.transport.sendMail(message);
        this.logger.log({ ...context, attempt, outcome: 'sent' }, 'email sent');
        this.emails.inc({ template: request.template, outcome: 'sent' });
        return { messageId, attempts: attempt };
      } catch (error) {
        const { retryable, ...failure } = describeSmtpFailure(error);
        if (!retryable || attempt >= MAIL_MAX_ATTEMPTS) return this.fail(context, attempt, failure, { ...failure, retryable });
        this.logger.warn({ ...context, attempt, outcome: 'retrying', ...failure }, 'email not sent yet, retrying');
        this.retries.inc({ template: request.template });
        await sleep(backoff(attempt));
      }
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private fail(context: { messageId: string; template: MailTemplateName }, attempts: number, logged: object, failure: SmtpFailure): never {
    this.logger.error({ ...context, attempts, outcome: 'failed', ...logged }, 'email not sent');
    this.emails.inc({ template: context.template, outcome: 'failed' });
    throw new EmailNotSentError(failure);
  }
}

/** 250 ms then 1 s, each ±20 % so that many failing sends do not retry in lockstep. */
function backoff(attempt: number): number {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1];
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
