import { createHmac } from 'node:crypto';
import { loadConfig } from '../../apps/api/src/config/load-config';
import { TurnCredentialsService } from '../../apps/api/src/turn/turn-credentials.service';
import { startCoturn, type Coturn } from '../support/coturn';
import { allocateRelay } from '../support/stun-client';

const SECRET = 'the-turn-secret-coturn-and-vetmeet-share';
const FIVE_HOURS_MS = 5 * 3600 * 1000;

/** The credential Vetmeet hands to a browser, as the browser sends it to coturn. */
function credentialFrom(service: TurnCredentialsService, userId = 'user-1') {
  const [server] = service.iceServersFor(userId);
  return { username: server.username, password: server.credential };
}

describe('TURN credentials against a real coturn (use-auth-secret)', () => {
  let coturn: Coturn;
  const serviceWith = (secret: string) => new TurnCredentialsService(loadConfig({ TURN_URLS: coturn.urls.join(','), TURN_SECRET: secret }));

  beforeAll(async () => {
    coturn = await startCoturn({ secret: SECRET });
  });
  afterAll(() => coturn?.stop());

  it('allocates a relay for a credential TurnCredentialsService issued', async () => {
    const result = await allocateRelay(credentialFrom(serviceWith(SECRET)), coturn.port);
    expect(result).toEqual({ ok: true, relayedAddress: { address: '127.0.0.1', port: expect.any(Number) } });
    const { port } = (result as { relayedAddress: { port: number } }).relayedAddress;
    expect(port).toBeGreaterThanOrEqual(coturn.relayPorts.min);
    expect(port).toBeLessThanOrEqual(coturn.relayPorts.max);
  });

  it('refuses a credential signed with another secret', async () => {
    await expect(allocateRelay(credentialFrom(serviceWith('not-the-secret-coturn-knows')), coturn.port)).resolves.toMatchObject({ ok: false, errorCode: 401 });
  });

  it('refuses a credential whose expiry has passed, though correctly signed', async () => {
    // Issued five hours ago with the default four-hour lifetime: coturn reads the expiry from the username.
    jest.useFakeTimers({ now: Date.now() - FIVE_HOURS_MS, doNotFake: ['nextTick', 'setImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const expired = credentialFrom(serviceWith(SECRET));
    jest.useRealTimers();
    expect(Number(expired.username.split(':')[0])).toBeLessThan(Date.now() / 1000);
    expect(expired.password).toBe(createHmac('sha1', SECRET).update(expired.username).digest('base64'));
    await expect(allocateRelay(expired, coturn.port)).resolves.toMatchObject({ ok: false, errorCode: 401 });
  });

  it('refuses a tampered username: the expiry cannot be pushed back without the secret', async () => {
    const { username, password } = credentialFrom(serviceWith(SECRET));
    const [expiry, opaqueId] = username.split(':');
    const extended = `${Number(expiry) + 86400}:${opaqueId}`;
    await expect(allocateRelay({ username: extended, password }, coturn.port)).resolves.toMatchObject({ ok: false, errorCode: 401 });
  });
});
