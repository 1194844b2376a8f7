/**
 * The browser's entry: everything in the contracts except the class-validator DTO classes,
 * which the browser only needs as types. Keeps the validator out of the web bundle.
 */
export * from './errors/error-codes';
export * from './errors/ack';
export * from './media/media-types';
export * from './media/loopback-events';
export type * from './media/media-requests';
