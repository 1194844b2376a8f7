import { cookieFromHeader } from './socket-session';

describe(cookieFromHeader.name, () => {
  it('finds one cookie among several and decodes it', () => {
    expect(cookieFromHeader('a=1; vetmeet_session=abc%2Ddef; b=2', 'vetmeet_session')).toBe('abc-def');
  });

  it('does not confuse a cookie whose name merely ends alike', () => {
    expect(cookieFromHeader('evil_vetmeet_session=x', 'vetmeet_session')).toBeUndefined();
  });

  it('survives missing and malformed headers', () => {
    expect(cookieFromHeader(undefined, 'vetmeet_session')).toBeUndefined();
    expect(cookieFromHeader('vetmeet_session=%E0%A4%A', 'vetmeet_session')).toBeUndefined();
  });
});
