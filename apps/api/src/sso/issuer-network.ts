import { lookup as dnsLookup, promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type * as oidc from 'openid-client';

/** More than any discovery document, key set or token answer needs; a bigger one is refused unread. */
export const RESPONSE_LIMIT_BYTES = 256 * 1024;
export const ISSUER_NOT_ALLOWED = 'SSO_ISSUER_NOT_ALLOWED';
export const RESPONSE_TOO_LARGE = 'SSO_RESPONSE_TOO_LARGE';

/**
 * Where a server-side request to an admin-supplied address must not go: this machine, private
 * networks, link-local (169.254.169.254 and fd00:ec2::254 are cloud metadata), shared, reserved.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const notAllowed = () => Object.assign(new Error('issuer on an internal network'), { code: ISSUER_NOT_ALLOWED });

/** Whether a host (a name or an address literal) resolves to an internal address; true when it does not resolve. */
export async function resolvesInternally(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isInternalAddress(host);
  try {
    const addresses = await dns.lookup(host, { all: true });
    return addresses.length === 0 || addresses.some((entry) => isInternalAddress(entry.address));
  } catch {
    return true;
  }
}

/**
 * dns.lookup that refuses internal addresses, for the connection itself: a name checked when the
 * settings were saved may resolve elsewhere later (DNS rebinding), so every connection checks again.
 */
const publicOnlyLookup = ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    if (addresses.length === 0 || addresses.some((entry) => isInternalAddress(entry.address))) {
      return callback(notAllowed());
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}) as LookupFunction;

/** What openid-client sends (a form, JSON text, bytes) as bytes on the wire. */
function bodyOf(body: unknown): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return Buffer.from(body as Uint8Array);
  throw new Error('unsupported request body');
}

/**
 * The fetch openid-client uses for a clinic's provider (discovery, keys, token, userinfo): answers
 * bigger than RESPONSE_LIMIT_BYTES are cut off and refused, and with publicOnly every connection is
 * refused to an internal address.
 */
export function providerFetch(publicOnly: boolean): oidc.CustomFetch {
  return (url, options) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      // Node connects to an address literal without any lookup, so publicOnlyLookup never sees it: check it here.
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      if (publicOnly && isIP(literal) && isInternalAddress(literal)) return reject(notAllowed());
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(
        target,
        {
          method: options.method,
          headers: options.headers,
          signal: options.signal,
          ...(publicOnly ? { lookup: publicOnlyLookup } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= RESPONSE_LIMIT_BYTES) chunks.push(chunk);
            else request.destroy(Object.assign(new Error('answer too large'), { code: RESPONSE_TOO_LARGE }));
          });
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const item of [value ?? []].flat()) headers.append(name, item);
            }
            const status = response.statusCode ?? 502;
            const body = [204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, statusText: response.statusMessage, headers }));
          });
        },
      );
      request.on('error', reject);
      request.end(bodyOf(options.body));
    });
}
