import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { routedPathOf } from './request-path';

/** Paths the server answers itself; everything else that asks for HTML is the web client. */
const SERVER_PATHS = /^\/(api|health|metrics|socket\.io|dev\/mailbox(\.json)?)(\/|$)/;
const PAGE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Serves the built web client (Vite output) with long caching for hashed assets and the
 * single-page app's index.html for client-side routes such as /dev/media-check.
 */
export function serveWebClient(app: NestExpressApplication, webDistDir: string): boolean {
  const root = resolve(webDistDir);
  const indexHtml = join(root, 'index.html');
  if (!existsSync(indexHtml)) return false;

  app.useStaticAssets(join(root, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', fallthrough: false });
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    // HEAD answers as GET without the body: uptime checks and proxies probe with it.
    if (!PAGE_METHODS.has(request.method) || SERVER_PATHS.test(routedPathOf(request.originalUrl)) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}
