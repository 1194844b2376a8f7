import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

/** Accepts a caller's X-Request-Id when it is well-formed, so ids follow a request across services. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** What a log line may say about a request: never headers, cookies, bodies or the query string. */
export function serializeRequest(request: { id: string; method: string; url: string }) {
  return { id: request.id, method: request.method, path: request.url.split('?')[0] };
}

export function serializeResponse(response: { statusCode: number }) {
  return { statusCode: response.statusCode };
}

/**
 * Structured JSON logs, one line per request with its id. What a request line may hold is
 * decided here: method, path without its query string, status and timing. Never bodies,
 * headers, cookies or query strings: they carry personal data and tokens.
 */
export function loggingModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: requestIdOf,
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
      serializers: { req: serializeRequest, res: serializeResponse },
      redact: { paths: ['req.headers', 'res.headers', '*.password', '*.email', '*.token'], remove: true },
      base: { service: 'vetmeet-api' },
    },
  });
}
