import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { QueryFailedError } from 'typeorm';
import { AppError, retryLater } from './app-error';
import { toErrorBody } from './to-error-body';

describe(toErrorBody.name, () => {
  it('keeps the code and message of an AppError', () => {
    const mapped = toErrorBody(new AppError(ErrorCode.NotFound, 'No such transport.'));
    expect(mapped).toEqual({ status: 404, expected: true, body: { code: ErrorCode.NotFound, message: 'No such transport.', details: undefined } });
  });

  it('says how long to wait for a refusal that waiting clears, as Retry-After and in the details', () => {
    const mapped = toErrorBody(retryLater(ErrorCode.RateLimited, 41.2));
    expect(mapped).toMatchObject({
      status: 429,
      expected: true,
      retryAfterSeconds: 42,
      body: { code: ErrorCode.RateLimited, details: ['retryAfterSeconds: 42'] },
    });
    expect(toErrorBody(retryLater(ErrorCode.AccountLocked, 0.2)).retryAfterSeconds).toBe(1);
  });

  it('gives framework HTTP errors a code', () => {
    expect(toErrorBody(new NotFoundException()).body.code).toBe(ErrorCode.NotFound);
    const validation = toErrorBody(new BadRequestException(['name must be a string']));
    expect(validation.body).toMatchObject({ code: ErrorCode.ValidationFailed, details: ['name must be a string'] });
  });

  it('hides the message and stack of anything unexpected', () => {
    const mapped = toErrorBody(new Error('connection string postgres://secret@db'));
    expect(mapped).toEqual({ status: 500, expected: false, body: { code: ErrorCode.Internal, message: 'Something went wrong on our side.' } });
  });

  it('tells the client to retry when PostgreSQL rolled back for concurrent work, and hides the rest of database failures', () => {
    const failure = (code: string) => toErrorBody(new QueryFailedError('INSERT INTO bookings ...', [], Object.assign(new Error('database says no'), { code })));
    expect(failure('40P01')).toEqual({
      status: 503,
      expected: false,
      retryAfterSeconds: 1,
      body: { code: ErrorCode.ServiceUnavailable, message: 'Too much happened at once; nothing was changed. Please try again.' },
    });
    expect(failure('40001').retryAfterSeconds).toBe(1);
    expect(failure('23505')).toEqual({ status: 500, expected: false, body: { code: ErrorCode.Internal, message: 'Something went wrong on our side.' } });
  });

  it('tells the client to retry when no pooled database connection came free in time (a burst larger than the pool)', () => {
    expect(toErrorBody(new Error('timeout exceeded when trying to connect'))).toEqual({
      status: 503,
      expected: false,
      retryAfterSeconds: 1,
      body: { code: ErrorCode.ServiceUnavailable, message: 'Too much happened at once; nothing was changed. Please try again.' },
    });
  });
});
