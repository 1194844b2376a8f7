import { HttpException } from '@nestjs/common';
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
}

/** Turns anything thrown into the body a client sees: a code and a sentence, never a stack. */
export function toErrorBody(error: unknown): MappedError {
  if (error instanceof AppError) {
    const status = httpStatusOf[error.code];
    return { status, expected: true, body: { code: error.code, message: error.message, details: error.details } };
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
  return { status: 500, expected: false, body: { code: ErrorCode.Internal, message: 'Something went wrong on our side.' } };
}
