export * from './errors/error-codes';
export * from './errors/ack';
export * from './media/media-types';
export * from './media/media-requests';
export * from './media/loopback-events';
export * from './media/media-payloads';
export * from './health';
