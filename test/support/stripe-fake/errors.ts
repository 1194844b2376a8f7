/** A Stripe API error: the HTTP status and the `{ error: {...} }` body Stripe answers with. */
export class StripeFakeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    return { error: { type: this.type, message: this.message, ...this.extra } };
  }
}

export function invalidRequest(message: string, extra: Record<string, unknown> = {}): StripeFakeError {
  return new StripeFakeError(400, 'invalid_request_error', message, extra);
}

export function resourceMissing(kind: string, id: string, param: string): StripeFakeError {
  return new StripeFakeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
}
