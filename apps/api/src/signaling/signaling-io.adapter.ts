import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { isSameOriginOrNotBrowser } from '../web/same-origin';

/** A socket.io message is signaling, never media or files: 64 KiB is plenty. */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;

/**
 * socket.io server settings for every gateway. Same-origin only (no CORS): the web client
 * is served by this server. Oversized messages close the offending socket in socket.io
 * itself, before any handler sees them.
 */
export class SignalingIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...(options as ServerOptions),
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: MAX_SIGNALING_MESSAGE_BYTES,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      // Cross-site WebSocket hijacking: a page of another origin that the browser sends our
      // cookie from (a sibling subdomain, another localhost app) may not open a socket.
      allowRequest: (request, callback) => callback(null, isSameOriginOrNotBrowser(request.headers)),
    });
  }
}
