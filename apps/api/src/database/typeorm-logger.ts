import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';
import { loggableError } from '../common/errors/loggable-error';

/** SQLSTATE 23P01. */
const EXCLUSION_VIOLATION = '23P01';

const SLOW_QUERY_MS = 500;

/**
 * Routes TypeORM's messages into the structured log. Query parameters and database error
 * messages are never logged: they carry the personal data we store. A failing or slow query is logged by its first
 * words (the statement kind and table), which is enough to find it in the code.
 */
export class StructuredTypeOrmLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  /** By SQLSTATE and where it failed: PostgreSQL's message and detail quote the values sent. */
  logQueryError(error: string | Error, query: string): void {
    const { code, routine, table, column, constraint } =
      typeof error === 'string' ? { code: undefined } : loggableError(error);
    const facts = { statement: statementShape(query), code, routine, table, column, constraint };
    // An exclusion violation is how the database says "slot taken" to the losers of a booking race: an answer, not a fault.
    if (code === EXCLUSION_VIOLATION) return this.logger.debug(facts, 'query refused');
    this.logger.error(facts, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ statement: statementShape(query), ms: time }, 'slow query');
  }

  /** TypeORM reports each applied migration here; the rest of its schema chatter is debug. */
  logSchemaBuild(message: string): void {
    if (/^Migration .* executed successfully/.test(message)) this.logger.log(message);
    else this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}

export { SLOW_QUERY_MS };

function statementShape(query: string): string {
  return query.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ');
}
