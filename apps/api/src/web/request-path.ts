/**
 * The path a request is routed by, as Express routes it: without the query, without the scheme
 * and host of an absolute-form request line (`GET http://host/api/… HTTP/1.1`), lower-cased since
 * Express matches routes case-insensitively. What decides a response's kind must see the same.
 */
export function routedPathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname.toLowerCase();
  } catch {
    return '/';
  }
}
