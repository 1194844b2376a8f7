import { createHmac } from 'node:crypto';
import { loadConfig } from '../config/load-config';
import { TurnCredentialsService } from './turn-credentials.service';

const SECRET = 'a-turn-secret-for-tests-only';
const URLS = ['turn:127.0.0.1:3479?transport=udp', 'turn:127.0.0.1:3479?transport=tcp'];
const NOW = new Date('2026-03-01T10:00:00Z');

const serviceWith = (settings: Record<string, string>) => new TurnCredentialsService(loadConfig(settings));
const configured = (extra: Record<string, string> = {}) => serviceWith({ TURN_URLS: URLS.join(','), TURN_SECRET: SECRET, ...extra });

/** What coturn does with use-auth-secret: it recomputes the password from the username alone. */
const coturnPasswordFor = (secret: string, username: string) => createHmac('sha1', secret).update(username).digest('base64');

describe(TurnCredentialsService.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('hands out no ICE servers when TURN is not configured', () => {
    expect(serviceWith({}).iceServersFor('user-1')).toEqual([]);
  });

  it('issues a credential that coturn, knowing only the secret, recomputes from the username', () => {
    const [server, ...others] = configured().iceServersFor('user-1');
    expect(others).toEqual([]);
    expect(server.urls).toEqual(URLS);
    expect(server.credential).toBe(coturnPasswordFor(SECRET, server.username));
    expect(server.credential).not.toBe(coturnPasswordFor('another-secret-entirely', server.username));
  });

  it('puts now + TTL as the unix expiry in the username', () => {
    const nowSeconds = NOW.getTime() / 1000;
    expect(configured().iceServersFor('user-1')[0].username).toMatch(new RegExp(`^${nowSeconds + 14400}:`));
    expect(configured({ TURN_CREDENTIAL_TTL_SECONDS: '900' }).iceServersFor('user-1')[0].username).toMatch(new RegExp(`^${nowSeconds + 900}:`));
  });

  it('names nobody: the id is opaque, stable per person and different between people', () => {
    const service = configured();
    const email = 'owner@example.com';
    const [{ username }] = service.iceServersFor(email);
    const [, opaqueId, ...rest] = username.split(':');
    expect(rest).toEqual([]);
    expect(opaqueId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(username).not.toContain('owner');
    expect(service.iceServersFor(email)[0].username).toBe(username);
    expect(service.iceServersFor('someone-else')[0].username).not.toBe(username);
  });
});
