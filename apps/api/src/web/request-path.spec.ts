import { routedPathOf } from './request-path';

describe(routedPathOf.name, () => {
  it('reads the path Express routes by, whatever form the request line took', () => {
    expect(routedPathOf('/api/auth/session?x=1')).toBe('/api/auth/session');
    expect(routedPathOf('/API/Auth/Session')).toBe('/api/auth/session');
    expect(routedPathOf('http://evil.example/api/accounts/me')).toBe('/api/accounts/me');
    expect(routedPathOf(undefined)).toBe('/');
  });
});
