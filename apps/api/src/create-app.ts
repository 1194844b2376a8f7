import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { DevMailbox } from './mail/dev-mailbox/dev-mailbox';
import { setupOpenApi } from './openapi';
import { SignalingIoAdapter } from './signaling/signaling-io.adapter';
import { JSON_BODY_LIMIT_BYTES, limitBodyTime, refuseOversizedBodies } from './web/request-body-limits';
import { refuseCrossOriginWrites, type TrustProxy } from './web/same-origin';
import { securityHeaders } from './web/security-headers';
import { serveWebClient } from './web/serve-web-client';

/** Builds the application exactly as production runs it; tests use this too. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  devMailbox?: DevMailbox,
  { schemaOwnerUrl }: { schemaOwnerUrl?: string } = {},
): Promise<NestExpressApplication> {
  // No default body parsers: only JSON is accepted below. A urlencoded parser would let another
  // site's plain HTML form sign a visitor in to an attacker's account (login CSRF).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, devMailbox, schemaOwnerUrl }), {
    bufferLogs: true,
    bodyParser: false,
    // Keeps each JSON body's exact bytes as request.rawBody: Stripe signs those, not our parse of them.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', config.TRUST_PROXY);
  const headers = securityHeaders({ production: config.NODE_ENV === 'production' });
  app.use(headers);
  // Before the JSON parser, which would read a body it refuses to its end before answering.
  app.use(limitBodyTime(config.REQUEST_BODY_TIMEOUT_SECONDS * 1000));
  app.use(refuseOversizedBodies);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use(refuseCrossOriginWrites);
  app.use(cookieParser());
  // Everything the API serves lives under /api; operations endpoints stay at the root.
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics', 'dev/mailbox', 'dev/mailbox.json'] });
  const trustProxy = () => app.getHttpAdapter().getInstance().get('trust proxy fn') as TrustProxy;
  app.useWebSocketAdapter(new SignalingIoAdapter(app, { trustProxy, securityHeaders: headers }));
  // Node ends any request after 5 minutes by default; a 200 MiB video over a slow uplink
  // takes longer, so the server allows 30 minutes, and every other body is held to
  // REQUEST_BODY_TIMEOUT_SECONDS (limitBodyTime). Headers must still arrive promptly (slowloris).
  const server = app.getHttpServer();
  server.requestTimeout = 30 * 60 * 1000;
  server.headersTimeout = 60 * 1000;
  setupOpenApi(app);
  serveWebClient(app, config.WEB_DIST_DIR);
  return app;
}
