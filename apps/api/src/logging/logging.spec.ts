import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdOf, serializeRequest, serializeResponse } from './logging.module';

describe('request logging', () => {
  it('keeps method and path, and drops the query string, headers and body', () => {
    const request = {
      id: 'req-1',
      method: 'GET',
      url: '/api/auth/verify?token=secret-token&email=owner@example.com',
      headers: { cookie: 'session=abc', authorization: 'Bearer x' },
      body: { password: 'hunter2' },
    };
    const logged = JSON.stringify(serializeRequest(request));
    expect(JSON.parse(logged)).toEqual({ id: 'req-1', method: 'GET', path: '/api/auth/verify' });
    expect(logged).not.toMatch(/secret-token|owner@example.com|session=abc|hunter2|Bearer/);
    expect(serializeResponse({ statusCode: 201, headers: { 'set-cookie': 'x' } } as { statusCode: number })).toEqual({ statusCode: 201 });
  });

  it('keeps a well-formed X-Request-Id and answers with it', () => {
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
    const id = requestIdOf({ headers: { 'x-request-id': 'abcdef12-3456' } } as unknown as IncomingMessage, response);
    expect(id).toBe('abcdef12-3456');
    expect(headers['X-Request-Id']).toBe('abcdef12-3456');
  });

  it('replaces a malformed or oversized X-Request-Id with a fresh UUID', () => {
    const response = { setHeader: () => undefined } as unknown as ServerResponse;
    for (const given of ['a b c', 'x'.repeat(200), '<script>', '']) {
      expect(requestIdOf({ headers: { 'x-request-id': given } } as unknown as IncomingMessage, response)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
