import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from './errors/app-error';

/**
 * One validation policy for HTTP bodies and socket.io payloads: unknown properties are
 * refused, not silently dropped, so a client learns about a typo and mass assignment of
 * fields such as a role or a clinic id fails loudly.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => new AppError(ErrorCode.ValidationFailed, 'The request is not valid.', flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((constraint) => `${path}: ${constraint}`);
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}
