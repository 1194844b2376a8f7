import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CapturedMail {
  /** The SMTP envelope: where the message was really delivered. */
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
}

export interface SmtpCapture {
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  readonly url: string;
  readonly port: number;
  /** Mail transactions begun (MAIL FROM), accepted or refused: counts a sender's tries. */
  readonly attempts: number;
  /**
   * The oldest message to `address` that no earlier call returned, waiting for it if none
   * has arrived yet; rejects after `timeoutMs`. Messages are consumed, so two calls return
   * two messages.
   */
  nextMessageTo(address: string, timeoutMs?: number): Promise<CapturedMail>;
  /** Answers the next `times` transactions (all, by default) with this SMTP reply code, e.g. 451 or 550. */
  refuse(responseCode: number, times?: number): void;
  /** Accepts every transaction again. */
  accept(): void;
  /** Keeps the next mail transactions waiting at MAIL FROM (a slow mail server) until the returned function is called. */
  stall(): () => void;
  close(): Promise<void>;
}

interface Waiter {
  address: string;
  resolve: (mail: CapturedMail) => void;
}

/**
 * A real SMTP server inside the test process, on a free loopback port: what the Mailer
 * sends is delivered over TCP and parsed the way a mail client would read it.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const unclaimed: CapturedMail[] = [];
  const waiters: Waiter[] = [];
  let attempts = 0;
  let refusal: { responseCode: number; remaining: number } | undefined;
  let stalled: Promise<void> | undefined;

  const deliver = (mail: CapturedMail) => {
    const index = waiters.findIndex((waiter) => addressedTo(mail, waiter.address));
    if (index === -1) unclaimed.push(mail);
    else waiters.splice(index, 1)[0].resolve(mail);
  };

  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 500,
    onMailFrom(_address, _session, callback) {
      attempts += 1;
      if (stalled) {
        void stalled.then(() => callback());
        return;
      }
      if (refusal && refusal.remaining > 0) {
        refusal.remaining -= 1;
        const error = Object.assign(new Error(`refused by the test (${refusal.responseCode})`), { responseCode: refusal.responseCode });
        return callback(error);
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const { mailFrom, rcptTo } = session.envelope;
          deliver({ envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((recipient) => recipient.address) }, parsed });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      // A client that drops its connection must not fail the test process.
      server.on('error', () => undefined);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    get attempts() {
      return attempts;
    },
    nextMessageTo(address, timeoutMs = 5_000) {
      const index = unclaimed.findIndex((mail) => addressedTo(mail, address));
      if (index !== -1) return Promise.resolve(unclaimed.splice(index, 1)[0]);
      return new Promise<CapturedMail>((resolve, reject) => {
        const waiter: Waiter = {
          address,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no email to ${address} arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    refuse(responseCode, times = Number.POSITIVE_INFINITY) {
      refusal = { responseCode, remaining: times };
    },
    accept() {
      refusal = undefined;
    },
    stall() {
      let release!: () => void;
      stalled = new Promise<void>((resolve) => (release = resolve));
      return () => {
        stalled = undefined;
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressedTo(mail: CapturedMail, address: string): boolean {
  return mail.envelope.to.some((recipient) => recipient.toLowerCase() === address.toLowerCase());
}
