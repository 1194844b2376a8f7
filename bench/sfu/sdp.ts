import type { ServerTransport } from './protocol';

/**
 * The generator's peers speak SDP (libdatachannel) and mediasoup does not: as mediasoup-client
 * does in a browser, the generator offers and this builds the SFU's answer from the server
 * transport's ICE and DTLS parameters. mediasoup is ICE-lite and the DTLS server here
 * (setup:passive), so the generator's own candidates are never needed.
 */

export interface AnswerMedia {
  mid: string;
  kind: 'audio' | 'video';
  payloadType: number;
  /** The SFU's direction: recvonly on a send transport, sendonly (with the consumer's SSRC) on a recv one. */
  direction: 'recvonly' | 'sendonly';
  ssrc?: number;
  cname?: string;
  /** RTP header extensions the SFU reads on this m-line, as id -> URI. */
  extensions?: Record<number, string>;
}

export function fingerprintOf(sdp: string): ServerTransport['fingerprint'] {
  const match = /^a=fingerprint:(\S+) (\S+)\s*$/m.exec(sdp);
  if (!match) throw new Error('the offer has no DTLS fingerprint');
  return { algorithm: match[1].toLowerCase(), value: match[2].toUpperCase() };
}

export function answerSdp(server: ServerTransport, media: AnswerMedia[]): string {
  const lines = [
    'v=0',
    `o=mediasoup ${Date.now()} 1 IN IP4 0.0.0.0`,
    's=-',
    't=0 0',
    `a=group:BUNDLE ${media.map((m) => m.mid).join(' ')}`,
    'a=ice-lite',
    'a=msid-semantic: WMS *',
    `a=fingerprint:${server.fingerprint.algorithm} ${server.fingerprint.value}`,
  ];
  for (const m of media) {
    const codec = m.kind === 'audio' ? `opus/48000/2` : `VP8/90000`;
    lines.push(
      `m=${m.kind} 9 UDP/TLS/RTP/SAVPF ${m.payloadType}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${m.mid}`,
      `a=${m.direction}`,
      `a=ice-ufrag:${server.iceUsernameFragment}`,
      `a=ice-pwd:${server.icePassword}`,
      ...server.candidates.map((c) => `a=candidate:${c.foundation} 1 udp ${c.priority} ${c.ip} ${c.port} typ host`),
      'a=end-of-candidates',
      'a=setup:passive',
      'a=rtcp-mux',
      'a=rtcp-rsize',
      `a=rtpmap:${m.payloadType} ${codec}`,
      ...(m.kind === 'audio' ? [`a=fmtp:${m.payloadType} minptime=10;useinbandfec=1`] : []),
      ...(m.kind === 'video' ? ['nack', 'nack pli', 'ccm fir'].map((fb) => `a=rtcp-fb:${m.payloadType} ${fb}`) : []),
      ...Object.entries(m.extensions ?? {}).map(([id, uri]) => `a=extmap:${id} ${uri}`),
      ...(m.ssrc !== undefined ? [`a=ssrc:${m.ssrc} cname:${m.cname ?? 'sfu'}`, `a=msid:sfu ${m.kind}-${m.ssrc}`] : []),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
