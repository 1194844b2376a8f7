import type { SMTPTransportOptions } from 'nodemailer';
import type { AppConfig } from '../config/app-config';

const DEVELOPMENT_FROM = 'Vetmeet <no-reply@localhost>';
const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * Timeouts short enough that a request waiting on an email fails in seconds, not minutes
 * (nodemailer's defaults are 2 minutes to connect and 10 minutes of silence).
 */
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 } as const;

/**
 * The mail settings with their local defaults filled in. Validation demands SMTP_URL,
 * MAIL_FROM and PUBLIC_URL in production; elsewhere they fall back here, in one place.
 */
export class MailSettings {
  private constructor(
    /** Undefined when there is no mail server (tests, or development without the mailbox): sends fail clearly. */
    readonly smtp: SMTPTransportOptions | undefined,
    readonly from: string,
    /** The sender's domain, for Message-IDs. */
    readonly fromDomain: string,
    /** The web client's base URL, without a trailing slash. */
    readonly publicUrl: string,
  ) {}

  static of(config: AppConfig): MailSettings {
    const production = config.NODE_ENV === 'production';
    const from = config.MAIL_FROM ?? DEVELOPMENT_FROM;
    const fromDomain = /@([^\s<>@]+)>?$/.exec(from)?.[1] ?? 'localhost';
    const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
    return new MailSettings(config.SMTP_URL ? smtpOptions(config.SMTP_URL, production) : undefined, from, fromDomain, publicUrl);
  }
}

/**
 * The dev mailbox runs by default in development when no mail server is given; it can be
 * switched on in tests, and config validation refuses it in production.
 */
export function devMailboxEnabled(config: AppConfig): boolean {
  return config.DEV_MAILBOX ?? (config.NODE_ENV === 'development' && config.SMTP_URL === undefined);
}

function smtpOptions(smtpUrl: string, production: boolean): SMTPTransportOptions {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : undefined,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // Emails carry sign-in and reset links: in production a plain smtp:// relay beyond this
    // machine must upgrade with STARTTLS rather than fall back to cleartext.
    requireTLS: production && !secure && !LOOPBACK_HOSTS.test(url.hostname),
    ...SMTP_TIMEOUTS,
  };
}
