/**
 * RFC 7065 TURN URIs, as browsers accept them in RTCIceServer.urls: `turn:` or `turns:`, a host
 * name, IPv4 or [IPv6] address, an optional port and an optional `?transport=udp|tcp`.
 * Anything else (user info, paths, other schemes) would be rejected by the browser only when a
 * call starts, so it is refused at start instead.
 */
const TURN_URL = /^turns?:(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?(?:\?transport=(?:udp|tcp))?$/i;
const MAX_TURN_URLS = 10;

/** The comma-separated URIs of TURN_URLS, trimmed; undefined when any of them is not a TURN URI. */
export function parseTurnUrls(value: string): string[] | undefined {
  const urls = value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
  if (urls.length === 0 || urls.length > MAX_TURN_URLS) return undefined;
  const valid = urls.every((url) => {
    const match = TURN_URL.exec(url);
    const port = match?.[1] === undefined ? undefined : Number(match[1]);
    return match !== null && (port === undefined || (port >= 1 && port <= 65535));
  });
  return valid ? urls : undefined;
}
