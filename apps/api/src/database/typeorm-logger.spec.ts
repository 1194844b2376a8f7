import { Logger } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { StructuredTypeOrmLogger } from './typeorm-logger';

describe(StructuredTypeOrmLogger.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it("logs a failed query by its SQLSTATE and where it failed, never PostgreSQL's message (it quotes input)", () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const message = 'invalid input syntax for type timestamp with time zone: "owner@example.com"';
    const where = { code: '22007', routine: 'DateTimeParseError', table: 'audit_events' };
    const error = Object.assign(new DatabaseError(message, message.length, 'error'), where);
    new StructuredTypeOrmLogger().logQueryError(error, 'SELECT id, seq FROM audit_events WHERE occurred_at >= $1');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]).toEqual([
      { statement: 'SELECT id, seq FROM', ...where, column: undefined, constraint: undefined },
      'query failed',
    ]);
    expect(JSON.stringify(logged.mock.calls)).not.toContain('owner@example.com');
  });
});
