export * from './attachment-payloads';
export * from './attachment-requests';
