import type { Ack } from '@vetmeet/contracts';

/** The success shape of every acknowledgement; errors are shaped by WsErrorFilter. */
export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
