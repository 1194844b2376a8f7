/**
 * Every error a client can see carries one of these codes. Clients branch on the code;
 * the message is for people and may change.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  UnknownEvent = 'UNKNOWN_EVENT',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  MediaRejected = 'MEDIA_REJECTED',
  MediaUnavailable = 'MEDIA_UNAVAILABLE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

/** The body of every error response, over HTTP and in socket.io acknowledgements. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems, for validation errors only. */
  details?: string[];
  /** Correlates the error with server logs; never contains personal data. */
  requestId?: string;
}
