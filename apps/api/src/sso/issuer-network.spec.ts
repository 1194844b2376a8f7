import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ISSUER_NOT_ALLOWED, isInternalAddress, providerFetch } from './issuer-network';

describe('the network a clinic provider is fetched on', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('knows internal addresses from public ones', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '::1']) {
      expect({ address, internal: isInternalAddress(address) }).toEqual({ address, internal: true });
    }
    for (const address of ['fe80::1', 'fd00:ec2::254', '::ffff:10.0.0.1', '100.64.0.1', '0.0.0.0']) {
      expect({ address, internal: isInternalAddress(address) }).toEqual({ address, internal: true });
    }
    for (const address of ['1.1.1.1', '172.32.0.1', '8.8.8.8', '2606:4700::1111']) {
      expect({ address, internal: isInternalAddress(address) }).toEqual({ address, internal: false });
    }
  });

  it('refuses, at connection time, a name that resolves to an internal address (DNS rebinding)', async () => {
    const url = `http://localhost:${port}/`;
    const request = { method: 'GET', headers: {}, redirect: 'manual' as const, body: undefined };
    await expect(providerFetch(true)(url, request)).rejects.toMatchObject({ code: ISSUER_NOT_ALLOWED });
    const allowed = await providerFetch(false)(url, request);
    expect(await allowed.json()).toEqual({ ok: true });
  });

  it('refuses an address literal of an internal network too, which no name lookup ever sees', async () => {
    // A discovery document may name its token endpoint or key set by IP: Node connects to a literal without lookup.
    const request = { method: 'GET', headers: {}, redirect: 'manual' as const, body: undefined };
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      await expect(providerFetch(true)(url, request)).rejects.toMatchObject({ code: ISSUER_NOT_ALLOWED });
    }
    const allowed = await providerFetch(false)(`http://127.0.0.1:${port}/`, request);
    expect(await allowed.json()).toEqual({ ok: true });
  });
});
