import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { policyKindOf, securityHeaders } from './security-headers';

/** The headers securityHeaders sets on a bare Node response for this path. */
function headersFor(production: boolean, path: string): Record<string, unknown> {
  const request = new IncomingMessage(new Socket());
  request.url = path;
  request.headers = { host: 'vetmeet.example' };
  const response = new ServerResponse(request);
  let error: unknown;
  securityHeaders({ production })(request, response, (failure) => (error = failure));
  expect(error).toBeUndefined();
  return response.getHeaders();
}

describe('securityHeaders', () => {
  it('sends HSTS for a year with subdomains, and upgrades insecure requests, in production only', () => {
    for (const path of ['/', '/bookings/b1/pay', '/api/pets', '/socket.io/']) {
      const production = headersFor(true, path);
      expect(production['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const development = headersFor(false, path);
      expect(development['strict-transport-security']).toBeUndefined();
    }
    expect(headersFor(true, '/')['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(headersFor(false, '/')['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('tells pages, the payment page, the API description and data apart by path', () => {
    expect(policyKindOf('/')).toBe('page');
    expect(policyKindOf('/consultations/c1/room')).toBe('page');
    expect(policyKindOf('/assets/index-abc.js')).toBe('page');
    expect(policyKindOf('/bookings/b1/pay')).toBe('payment-page');
    expect(policyKindOf('/bookings/b1/pay/')).toBe('payment-page');
    expect(policyKindOf('/bookings/b1/pay/x')).toBe('page');
    expect(policyKindOf('/api/docs')).toBe('api-docs');
    expect(policyKindOf('/api/docs/swagger-ui.css')).toBe('api-docs');
    expect(policyKindOf('/api/docs-json')).toBe('data');
    expect(policyKindOf('/api/bookings/b1/pay')).toBe('data');
    expect(policyKindOf('/health')).toBe('data');
    expect(policyKindOf('/metrics')).toBe('data');
    expect(policyKindOf('/socket.io/')).toBe('data');
    expect(policyKindOf('/apiary')).toBe('page');
  });

  it('names the WebSocket origin only for a plain host, so nothing a caller sends lands in the policy', () => {
    const request = new IncomingMessage(new Socket());
    request.url = '/';
    request.headers = { host: "evil.example; script-src 'unsafe-inline'" };
    const response = new ServerResponse(request);
    securityHeaders({ production: false })(request, response, () => undefined);
    const csp = String(response.getHeader('content-security-policy'));
    expect(csp).toContain("connect-src 'self' 'self';");
    expect(csp).not.toContain('evil');
    expect(csp).not.toContain('unsafe-inline');
  });
});
