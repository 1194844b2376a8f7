import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { DevMailbox } from './mail/dev-mailbox/dev-mailbox';
import { setupOpenApi } from './openapi';
import { SignalingIoAdapter } from './signaling/signaling-io.adapter';
import { refuseCrossOriginWrites } from './web/same-origin';
import { serveWebClient } from './web/serve-web-client';

/** Builds the application exactly as production runs it; tests use this too. */
export async function createApp(config: AppConfig, databaseUrl: string, devMailbox?: DevMailbox): Promise<NestExpressApplication> {
  // No default body parsers: only JSON is accepted below. A urlencoded parser would let another
  // site's plain HTML form sign a visitor in to an attacker's account (login CSRF).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, devMailbox }), {
    bufferLogs: true,
    bodyParser: false,
    // Keeps each JSON body's exact bytes as request.rawBody: Stripe signs those, not our parse of them.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '100kb' });
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', config.TRUST_PROXY);
  app.use(refuseCrossOriginWrites);
  app.use(cookieParser());
  // Everything the API serves lives under /api; operations endpoints stay at the root.
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics', 'dev/mailbox', 'dev/mailbox.json'] });
  app.useWebSocketAdapter(new SignalingIoAdapter(app));
  // Node ends any request after 5 minutes by default; a 200 MiB video over a slow uplink
  // takes longer. Headers must still arrive promptly (slowloris).
  const server = app.getHttpServer();
  server.requestTimeout = 30 * 60 * 1000;
  server.headersTimeout = 60 * 1000;
  setupOpenApi(app);
  serveWebClient(app, config.WEB_DIST_DIR);
  return app;
}
