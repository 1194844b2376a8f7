import type { ErrorBody } from './error-codes';

/**
 * Every socket.io request is answered through its acknowledgement callback with exactly
 * one of these shapes, so a client never waits on an error that went elsewhere.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export type AckCallback<T> = (result: Ack<T>) => void;
