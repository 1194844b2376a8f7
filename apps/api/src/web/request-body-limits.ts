import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@vetmeet/contracts';

/** The largest JSON body any route takes; the JSON parser holds what arrives to the same limit. */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;

/** The body timer of each request still receiving one, until an upload takes the request over. */
const bodyTimers = new WeakMap<IncomingMessage, NodeJS.Timeout>();

const declaredLength = (request: IncomingMessage): number => Number(request.headers['content-length'] ?? 0);
const isMultipart = (request: IncomingMessage): boolean =>
  /^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '');
const hasBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined || declaredLength(request) > 0;

/** How much of a refused body is read and dropped before the connection is cut. */
const REFUSED_BODY_DRAIN_BYTES = 1024 * 1024;

function answer(response: ServerResponse, status: number, code: ErrorCode, message: string, close: boolean): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (close) response.setHeader('Connection', 'close');
  response.end(JSON.stringify({ code, message }));
}

/**
 * Refuses a body by the length it declares, before a byte of it is read. Only uploads
 * (multipart/form-data) may be larger than a JSON body; they check their own declared
 * length against their form's limit. (The JSON parser alone would read and drop all of a
 * declared 10 GB before answering 413.) A client already sending the body gets to read the
 * answer instead of a reset connection: the first MiB is dropped, then the connection is
 * cut, and limitBodyTime bounds how long that may take.
 */
export function refuseOversizedBodies(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  if (isMultipart(request) || declaredLength(request) <= JSON_BODY_LIMIT_BYTES) return next();
  let dropped = 0;
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > REFUSED_BODY_DRAIN_BYTES) request.destroy();
  });
  request.resume();
  const message = `The request body may be at most ${JSON_BODY_LIMIT_BYTES / 1024} KiB.`;
  answer(response, 413, ErrorCode.PayloadTooLarge, message, false);
}

/**
 * Gives every request body `timeoutMs` to arrive in full, so a client that sends a body
 * slowly (or stops) cannot hold a connection for the server's request timeout, which is
 * long only because uploads need it. An upload lifts the limit once it is allowed to stream
 * (allowSlowBody). Past the time: 408 if nothing was answered yet, and the connection closes.
 */
export function limitBodyTime(timeoutMs: number) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (!hasBody(request) || request.complete) return next();
    const timer = setTimeout(() => {
      bodyTimers.delete(request);
      if (response.headersSent) {
        request.socket.destroy();
        return;
      }
      // Closed after the answer: the client cannot tell where a next request would begin.
      const message = `The request body did not arrive within ${timeoutMs / 1000} seconds.`;
      answer(response, 408, ErrorCode.RequestTimeout, message, true);
    }, timeoutMs);
    bodyTimers.set(request, timer);
    const stop = () => {
      clearTimeout(timer);
      bodyTimers.delete(request);
    };
    request.once('end', stop);
    request.once('close', stop);
    next();
  };
}

/** An authorised upload streams its file for as long as the server's request timeout allows. */
export function allowSlowBody(request: IncomingMessage): void {
  clearTimeout(bodyTimers.get(request));
  bodyTimers.delete(request);
}
