import { ErrorCode, type ErrorBody } from '@vetmeet/contracts/client';

const knownErrorCodes = new Set<string>(Object.values(ErrorCode));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownErrorCodes.has(value);
}

/** Problems with single fields, keyed by the field's name in the request (`password`, `weightKg`). */
export type FieldProblems = Record<string, string>;

/**
 * An error answer from the API: the code to branch on, the server's sentence, and for
 * validation errors the per-field details (`"password: too-short"`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details: readonly string[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** The details as field → problem; the first problem of a field wins. */
  fieldProblems(): FieldProblems {
    const problems: FieldProblems = {};
    for (const detail of this.details) {
      const separator = detail.indexOf(': ');
      if (separator <= 0) continue;
      const field = detail.slice(0, separator);
      problems[field] ??= detail.slice(separator + 2);
    }
    return problems;
  }

  /** The number in a `retryAfterSeconds: N` detail (RATE_LIMITED, ACCOUNT_LOCKED), if any. */
  retryAfterSeconds(): number | undefined {
    const value = Number(this.fieldProblems().retryAfterSeconds);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads an error body into an ApiError; anything that is not one becomes INTERNAL (5xx) or VALIDATION_FAILED. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isObject(body) && isErrorCode(body.code)) {
    const { code, message, details, requestId } = body as Partial<ErrorBody> & { code: ErrorCode };
    return new ApiError(
      code,
      typeof message === 'string' ? message : code,
      status,
      Array.isArray(details) ? details.filter((d): d is string => typeof d === 'string') : [],
      typeof requestId === 'string' ? requestId : undefined,
    );
  }
  const code = status === 401 ? ErrorCode.Unauthenticated : status === 404 ? ErrorCode.NotFound : status >= 500 ? ErrorCode.ServiceUnavailable : ErrorCode.ValidationFailed;
  return new ApiError(code, `Unexpected answer from the server (HTTP ${status})`, status);
}

/** Fetch itself failed: offline, DNS, the server down. Reported as SERVICE_UNAVAILABLE with status 0. */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError(ErrorCode.ServiceUnavailable, 'The Vetmeet server could not be reached.', 0);
  error.cause = cause;
  return error;
}
