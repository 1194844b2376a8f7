import { isIP } from 'node:net';

/**
 * SSO_DNS_SERVERS: comma-separated addresses (1.1.1.1, 1.1.1.1:53, [2606:4700::1]:53) of the DNS
 * servers that domain verification asks, as node's Resolver.setServers takes them; undefined when
 * the value is not that (1 to 4 of them).
 */
export function parseDnsServers(value: string): string[] | undefined {
  const servers = value.split(',').map((server) => server.trim());
  if (servers.length < 1 || servers.length > 4) return undefined;
  const valid = servers.every((server) => {
    const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(server);
    const plain = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(server);
    const [address, port] = bracketed ? [bracketed[1], bracketed[2]] : plain ? [plain[1], plain[2]] : [server];
    const portOk = port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
    return portOk && (isIP(address) !== 0) && (bracketed ? isIP(address) === 6 : true);
  });
  return valid ? servers : undefined;
}

/**
 * SSO_ALLOWED_INTERNAL_ISSUERS: comma-separated https:// issuer origins on an internal network that
 * clinics may use all the same (a self-hosted Keycloak); undefined when one is not an origin.
 */
export function parseAllowedInternalIssuers(value: string): string[] | undefined {
  const origins: string[] = [];
  for (const entry of value.split(',').map((item) => item.trim())) {
    try {
      const url = new URL(entry);
      if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password) return undefined;
      origins.push(url.origin);
    } catch {
      return undefined;
    }
  }
  return origins.length > 0 && origins.length <= 20 ? origins : undefined;
}
