import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorCode, type ErrorBody } from '@vetmeet/contracts';
import { AppError, httpStatusOf } from './app-error';

const codeOfHttpStatus: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  503: ErrorCode.ServiceUnavailable,
};

export interface MappedError {
  body: ErrorBody;
  status: number;
  /** False for failures we did not anticipate: they are logged with their stack. */
  expected: boolean;
  /** For a failure that a plain retry may clear: how many seconds to wait (the Retry-After header). */
  retryAfterSeconds?: number;
}

/**
 * SQLSTATEs where PostgreSQL rolled the transaction back because of other work at the same time
 * (deadlock, serialization failure, lock or statement timeout): nothing was written, and the same
 * request a moment later can succeed, so the client is told to retry rather than that we broke.
 */
const TRANSIENT_DATABASE_FAILURES = new Set(['40P01', '40001', '55P03', '57014']);

/**
 * What pg-pool rejects with when every connection stayed busy for the pool's connect timeout
 * (a burst larger than the pool): nothing ran, so it is a retry, not a failure of ours.
 */
const POOL_CONNECT_TIMEOUT = 'timeout exceeded when trying to connect';

const tooBusy = (): MappedError => ({
  status: 503,
  expected: false,
  retryAfterSeconds: 1,
  body: { code: ErrorCode.ServiceUnavailable, message: 'Too much happened at once; nothing was changed. Please try again.' },
});

/** Turns anything thrown into the body a client sees: a code and a sentence, never a stack. */
export function toErrorBody(error: unknown): MappedError {
  if (error instanceof AppError) {
    const status = httpStatusOf[error.code];
    const body = { code: error.code, message: error.message, details: error.details };
    return { status, expected: true, retryAfterSeconds: error.retryAfterSeconds, body };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeOfHttpStatus[status] ?? (status < 500 ? ErrorCode.ValidationFailed : ErrorCode.Internal);
    const response = error.getResponse();
    const message = typeof response === 'object' && response !== null && 'message' in response ? response.message : error.message;
    const details = Array.isArray(message) ? message.map(String) : undefined;
    return {
      status,
      expected: status < 500,
      body: { code, message: details ? 'The request is not valid.' : String(message), details },
    };
  }
  // Still logged as unexpected: each one is worth a look, even though the client can just retry.
  if (error instanceof QueryFailedError && TRANSIENT_DATABASE_FAILURES.has((error.driverError as { code?: string }).code ?? '')) return tooBusy();
  if (error instanceof Error && error.message === POOL_CONNECT_TIMEOUT) return tooBusy();
  return { status: 500, expected: false, body: { code: ErrorCode.Internal, message: 'Something went wrong on our side.' } };
}
