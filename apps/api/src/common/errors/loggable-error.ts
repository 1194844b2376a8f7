/**
 * What of an unexpected error may reach the log: its type, message, stack and SQL state.
 * Database errors also carry the query's parameters and PostgreSQL's DETAIL text, which
 * quote the personal data being written; those never leave this function.
 */
export function loggableError(error: unknown): { type: string; message: string; stack?: string; code?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error thrown' };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { type: error.name || error.constructor.name, message: error.message, stack: error.stack, code };
}
