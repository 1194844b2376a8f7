import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe(loggableError.name, () => {
  it("keeps a database error's kind and where it failed, and drops its message, parameters and details", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "UQ_users_email"'), {
      code: '23505',
      detail: 'Key (email)=(maria@example.com) already exists.',
      table: 'users',
      constraint: 'UQ_users_email',
    });
    const error = new QueryFailedError('INSERT INTO users (email, password_hash) VALUES ($1, $2)', ['maria@example.com', '$argon2id$secret'], driverError);
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23505', table: 'users' });
    expect(logged.constraint).toBe('UQ_users_email');
    expect(logged.stack).toMatch(/^ {4}at /);
    expect(JSON.stringify(logged)).not.toMatch(/maria@example\.com|argon2id|INSERT INTO|duplicate key/);
  });

  it('keeps no line of a quoted value from the stack, even one shaped like a stack frame', () => {
    const message = 'invalid input syntax for type uuid: "x\n    at forged (/evil.js:1:1)"';
    const error = new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code: '22P02' }));
    const logged = loggableError(error);
    expect(logged.stack).toMatch(/^ {4}at /);
    expect(JSON.stringify(logged)).not.toContain('forged');
  });

  it('never logs the message of a database error, which quotes what the client sent', () => {
    const message = 'invalid input syntax for type timestamp with time zone: "2026-W50-3"';
    const where = { code: '22007', routine: 'DateTimeParseError' };
    const fromTypeOrm = new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), where));
    const fromDriver = Object.assign(new DatabaseError(message, message.length, 'error'), where);
    for (const error of [fromTypeOrm, fromDriver]) {
      const logged = loggableError(error);
      expect(logged).toMatchObject({ code: '22007', routine: 'DateTimeParseError' });
      expect(JSON.stringify(logged)).not.toContain('2026-W50-3');
    }
  });

  it('keeps the message and stack of any other error', () => {
    const error = new TypeError('cannot read properties of undefined');
    expect(loggableError(error)).toEqual({ type: 'TypeError', message: error.message, stack: error.stack });
  });
});
