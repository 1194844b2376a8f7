import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { AppConfig } from '../../config/app-config';
import { devMailboxEnabled } from '../mail-settings';
import { DevMailbox } from './dev-mailbox';

/** Loopback only, whatever HOST says: the mailbox takes mail from this machine alone. */
const LOOPBACK = '127.0.0.1';
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface DevSmtpServer {
  /** smtp://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (no TLS, no authentication: loopback and development only) that
 * parses every message it accepts into the mailbox. `onError` hears the errors of client
 * connections (a reset, a timeout), which must not take the process down.
 */
export function startDevSmtpServer(mailbox: DevMailbox, port: number, onError: (error: Error) => void = () => undefined): Promise<DevSmtpServer> {
  const server = new SMTPServer({
    name: 'vetmeet-dev-mailbox',
    banner: 'Vetmeet development mailbox',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    logger: false,
    closeTimeout: 2_000,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const { mailFrom, rcptTo } = session.envelope;
          mailbox.add(parsed, { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((recipient) => recipient.address) });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      server.on('error', onError);
      const address = server.server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `smtp://${LOOPBACK}:${boundPort}`,
        port: boundPort,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

export interface RunningDevMailbox {
  mailbox: DevMailbox;
  /** The config the app should run with: SMTP_URL points at the mailbox unless one was given. */
  config: AppConfig;
  stop(): Promise<void>;
}

/**
 * Starts the development mailbox when the config asks for it (see devMailboxEnabled), and
 * returns nothing otherwise. main.ts calls this before building the app and `stop()` after
 * closing it, so emails sent while the app shuts down still arrive.
 */
export async function startDevMailbox(config: AppConfig, logger: Logger): Promise<RunningDevMailbox | undefined> {
  if (!devMailboxEnabled(config)) return undefined;
  // Validation already refuses DEV_MAILBOX in production; this guards any other way in.
  if (config.NODE_ENV === 'production') throw new Error('The development mailbox never runs in production.');
  const mailbox = new DevMailbox();
  const server = await startDevSmtpServer(mailbox, config.DEV_SMTP_PORT, (error: NodeJS.ErrnoException) =>
    logger.warn({ code: error.code }, 'development mailbox: an SMTP connection failed'),
  );
  const withMailbox = config.SMTP_URL ? config : Object.freeze(Object.assign(Object.create(AppConfig.prototype) as AppConfig, config, { SMTP_URL: server.url }));
  logger.info({ port: server.port }, `development mailbox: emails are kept in memory and shown at /dev/mailbox`);
  return { mailbox, config: withMailbox, stop: () => server.stop() };
}
