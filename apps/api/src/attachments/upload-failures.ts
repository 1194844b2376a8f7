import { QueryFailedError } from 'typeorm';

/**
 * A foreign key or row-level security refusal of an insert: what a stored file was to
 * belong to (a pet, a consultation) went away, or was never the person's, while it streamed.
 */
export const isInsertRefused = (error: unknown): boolean =>
  error instanceof QueryFailedError && ['23503', '42501'].includes((error.driverError as { code?: string }).code ?? '');

/** The client hung up mid-transfer: nothing to report. */
export const isClientGone = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
