import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe(loggableError.name, () => {
  it("keeps a database error's kind and drops its parameters and details", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "UQ_users_email"'), {
      code: '23505',
      detail: 'Key (email)=(maria@example.com) already exists.',
    });
    const error = new QueryFailedError('INSERT INTO users (email, password_hash) VALUES ($1, $2)', ['maria@example.com', '$argon2id$secret'], driverError);
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('QueryFailedError');
    expect(logged).toContain('23505');
    expect(logged).not.toMatch(/maria@example\.com|argon2id|INSERT INTO/);
  });
});
