import type { NodemailerError } from 'nodemailer';

/** What may be said about a failed send: codes only. */
export interface SmtpFailure {
  /** nodemailer's code: ECONNECTION, ETIMEDOUT, EENVELOPE, EMESSAGE, EAUTH, … */
  code?: string;
  /** The SMTP reply code, when the server answered. */
  responseCode?: number;
  /** Whether the same message may go through on another try. */
  retryable: boolean;
}

/** Failures of the connection itself: the server may well answer on the next try. */
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

/**
 * Classifies a send error. A 4xx reply or a dropped connection is worth another try; a 5xx
 * reply, bad credentials or a malformed message would fail again. The error's message and
 * the server's reply text are left out on purpose: servers quote recipient addresses in them.
 */
export function describeSmtpFailure(error: unknown): SmtpFailure {
  const { code, responseCode, permanent } = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const retryable = typeof permanent === 'boolean' ? !permanent : code !== undefined && NETWORK_CODES.has(code);
  return { code, responseCode, retryable };
}
