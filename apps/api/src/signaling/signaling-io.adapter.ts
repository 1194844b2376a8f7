import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { isSameOriginOrNotBrowser, type TrustProxy } from '../web/same-origin';

/** A socket.io message is signaling, never media or files: 64 KiB is plenty. */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;

const SOCKET_IO_PATH = '/socket.io';

export interface SignalingHttpPolicy {
  /** TRUST_PROXY as Express compiled it: the same-origin check needs the scheme the browser used. */
  trustProxy: () => TrustProxy;
  /** The security headers every HTTP response carries; engine.io answers its requests before Express sees them. */
  securityHeaders: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
}

/**
 * socket.io server settings for every gateway. Same-origin only (no CORS): the web client
 * is served by this server. Oversized messages close the offending socket in socket.io
 * itself, before any handler sees them.
 */
export class SignalingIoAdapter extends IoAdapter {
  private headersAttached = false;

  constructor(
    app: INestApplicationContext,
    private readonly policy: SignalingHttpPolicy,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      path: SOCKET_IO_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_SIGNALING_MESSAGE_BYTES,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      // Cross-site WebSocket hijacking: a page of another origin that the browser sends our
      // cookie from (a sibling subdomain, another localhost app, our host over http) may not open a socket.
      allowRequest: (request, callback) => callback(null, isSameOriginOrNotBrowser(request, this.policy.trustProxy())),
    });
    this.attachSecurityHeaders();
    return server;
  }

  /**
   * engine.io took over the server's request listeners to answer /socket.io/ itself; a
   * listener put in front of it sets the headers before any of its answers (handshake,
   * polling, refusals) is written.
   */
  private attachSecurityHeaders(): void {
    const httpServer = this.httpServer as HttpServer | undefined;
    if (this.headersAttached || !httpServer) return;
    this.headersAttached = true;
    httpServer.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!request.url?.startsWith(`${SOCKET_IO_PATH}/`)) return;
      this.policy.securityHeaders(request, response, () => undefined);
    });
  }
}
