import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpErrorFilter } from '../common/errors/http-error.filter';
import { toErrorBody } from '../common/errors/to-error-body';

/**
 * The sign-in routes are visited by the browser itself (a link, the provider's redirect): there a
 * refusal goes back to the sign-in page with its code, which says what happened in words. Any other
 * client gets the usual JSON error.
 */
@Catch()
export class SsoPageErrorFilter extends HttpErrorFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent || !request.accepts('html') || request.accepts(['json', 'html']) === 'json') {
      super.catch(error, host);
      return;
    }
    const { body, expected } = toErrorBody(error);
    if (!expected) {
      super.catch(error, host);
      return;
    }
    response.redirect(303, `/sign-in?sso=${encodeURIComponent(body.code)}`);
  }
}
