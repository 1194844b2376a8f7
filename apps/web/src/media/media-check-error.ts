import { ErrorCode } from '@vetmeet/contracts/client';
import { sentenceFor } from '../api/error-messages';

/**
 * Failures that happen in the browser and so never reach the server's error codes: the
 * camera, the browser itself, and a signaling server that does not answer.
 */
export const ClientErrorCode = {
  CameraDenied: 'CAMERA_DENIED',
  CameraUnavailable: 'CAMERA_UNAVAILABLE',
  BrowserUnsupported: 'BROWSER_UNSUPPORTED',
  SignalingUnreachable: 'SIGNALING_UNREACHABLE',
  SignalingTimeout: 'SIGNALING_TIMEOUT',
  SignalingLost: 'SIGNALING_LOST',
  MediaConnectionFailed: 'MEDIA_CONNECTION_FAILED',
  RelayUnavailable: 'RELAY_UNAVAILABLE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export type MediaCheckErrorCode = ErrorCode | ClientErrorCode;

export interface MediaCheckErrorView {
  code: MediaCheckErrorCode;
  message: string;
}

/** An error that carries a code the page can explain, whether the server or the browser raised it. */
export class MediaCheckError extends Error {
  override readonly name = 'MediaCheckError';

  constructor(
    readonly code: MediaCheckErrorCode,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Every browser-side code, and server codes where the media check has something more specific to say. */
const sentences: Record<ClientErrorCode, string> & Partial<Record<ErrorCode, string>> = {
  [ClientErrorCode.CameraDenied]:
    'Your browser did not allow access to the camera and microphone. Allow it in the site settings and try again.',
  [ClientErrorCode.CameraUnavailable]:
    'No usable camera or microphone was found, or another application is using them.',
  [ClientErrorCode.BrowserUnsupported]: 'This browser cannot make video calls with Vetmeet. Try a current Chrome, Firefox or Safari.',
  [ClientErrorCode.SignalingUnreachable]: 'The media check could not reach the Vetmeet server.',
  [ClientErrorCode.SignalingTimeout]: 'The Vetmeet server did not answer in time.',
  [ClientErrorCode.SignalingLost]: 'The connection to the Vetmeet server was lost.',
  [ClientErrorCode.MediaConnectionFailed]:
    'The video connection could not be established. A firewall may be blocking it.',
  [ClientErrorCode.RelayUnavailable]: 'Relay-only mode needs a TURN server, and this Vetmeet server has none configured.',
  [ErrorCode.ValidationFailed]: 'The server rejected a request from this page as malformed.',
  [ErrorCode.UnknownEvent]: 'The server does not understand a request from this page; it may be a different version.',
  [ErrorCode.NotFound]: 'The server no longer knows about part of this check.',
  [ErrorCode.Forbidden]: 'The media check is not available on this server.',
  [ErrorCode.Unauthenticated]: 'You need to sign in to use the media check.',
  [ErrorCode.PayloadTooLarge]: 'A request from this page was too large for the server.',
  [ErrorCode.MediaRejected]: 'The media server could not use the video or audio this browser sent.',
  [ErrorCode.MediaUnavailable]: 'The media server is not available right now.',
  [ErrorCode.ServiceUnavailable]: 'The Vetmeet server is temporarily unavailable.',
  [ErrorCode.Internal]: 'Something went wrong on the Vetmeet server.',
};

/** The sentence a person reads for a code; the code is shown next to it for support. */
export function explain(code: MediaCheckErrorCode): string {
  return sentences[code] ?? sentenceFor(code as ErrorCode) ?? 'Something went wrong.';
}

function fromDomException(error: DOMException): MediaCheckError | undefined {
  switch (error.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new MediaCheckError(ClientErrorCode.CameraDenied, error.message);
    case 'NotFoundError':
    case 'NotReadableError':
    case 'OverconstrainedError':
    case 'AbortError':
      return new MediaCheckError(ClientErrorCode.CameraUnavailable, error.message);
    default:
      return undefined;
  }
}

/** Turns anything thrown during the check into a code and a message. */
export function toErrorView(error: unknown): MediaCheckErrorView {
  if (error instanceof MediaCheckError) return { code: error.code, message: error.message };
  if (error instanceof DOMException) {
    const mapped = fromDomException(error);
    if (mapped) return { code: mapped.code, message: mapped.message };
  }
  if (error instanceof Error && error.name === 'UnsupportedError') {
    return { code: ClientErrorCode.BrowserUnsupported, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: ErrorCode.Internal, message };
}
