import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

export interface LoggableError {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE of a database error, or a Node error code. */
  code?: string;
  /** Names from our own schema that say where a database error happened. */
  routine?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/** Fields of a PostgreSQL error that name parts of our schema or the server's code, never a value. */
const DATABASE_ERROR_FIELDS = ['routine', 'table', 'column', 'constraint'] as const;

/**
 * What of an unexpected error may reach the log: its type, message, stack and code. A database
 * error's message, DETAIL and query parameters quote the values being written (an e-mail, a date
 * a client typed), so it is logged by its SQLSTATE, where it failed and the stack frames alone.
 */
export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error thrown' };
  const type = error.name || error.constructor.name;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (error instanceof QueryFailedError || error instanceof DatabaseError) {
    const message = `the database refused the query (SQLSTATE ${code ?? 'unknown'})`;
    const logged: LoggableError = { type, message, stack: framesOf(error.stack, error.message), code };
    for (const field of DATABASE_ERROR_FIELDS) {
      const value: unknown = (error as unknown as Record<string, unknown>)[field];
      if (typeof value === 'string') logged[field] = value;
    }
    return logged;
  }
  return { type, message: error.message, stack: error.stack, code };
}

/**
 * The stack's frames only: its head holds the message, which may quote what a client sent (even
 * text shaped like a frame), so everything up to the end of the message goes. A stack whose head
 * no longer holds the message cannot be cut safely and is left out.
 */
function framesOf(stack: string | undefined, message: string): string | undefined {
  const at = message === '' ? -1 : (stack?.indexOf(message) ?? -1);
  if (at < 0) return undefined;
  const frames = stack!.slice(at + message.length).replace(/^\n/, '');
  return frames === '' ? undefined : frames;
}
