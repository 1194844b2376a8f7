import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from './errors/app-error';
import { findUntrustedInputProblem } from './untrusted-input';

/**
 * One validation policy for HTTP bodies, query strings, route params and socket.io payloads:
 * unknown properties are refused, not silently dropped, so a client learns about a typo and
 * mass assignment of fields such as a role or a clinic id fails loudly.
 */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', flatten(errors)),
  });
}

/**
 * Before any DTO sees the input, refuses what no field can take (deep nesting, NUL, lone
 * surrogates): class-transformer would overflow the stack on the first, PostgreSQL would fail
 * on the others. Every body, query, param and payload passes here, DTO or not.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = findUntrustedInputProblem(value, metadata.data ?? '');
      if (problem !== undefined) throw new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', [problem]);
    }
    return super.transform(value, metadata);
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((constraint) => `${path}: ${constraint}`);
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}
