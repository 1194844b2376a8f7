import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/**
 * Just enough STUN (RFC 5389) and TURN (RFC 5766) over UDP to ask a TURN server for a relay
 * the way a browser does, with long-term credentials, and to read its answer: success with a
 * relayed address, or an error code (401 for a credential it does not accept).
 */

const MAGIC_COOKIE = 0x2112a442;
const Method = { BindingRequest: 0x0001, BindingSuccess: 0x0101, AllocateRequest: 0x0003, AllocateSuccess: 0x0103, AllocateError: 0x0113 } as const;
const Attribute = {
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  Realm: 0x0014,
  Nonce: 0x0015,
  XorRelayedAddress: 0x0016,
  RequestedTransport: 0x0019,
} as const;
const UDP_PROTOCOL = 17;

interface StunMessage {
  type: number;
  attributes: Map<number, Buffer>;
}

export type AllocateResult = { ok: true; relayedAddress: { address: string; port: number } } | { ok: false; errorCode: number; reason: string };

/** Resolves once the server answers a Binding request (sent `tries` times, 250 ms apart): it is listening. */
export async function stunBinding(port: number, { host = '127.0.0.1', tries = 8 }: { host?: string; tries?: number } = {}): Promise<void> {
  const answer = await withSocket((socket) => exchange(socket, { host, port }, Method.BindingRequest, [], { tries }));
  if (answer.type !== Method.BindingSuccess) throw new Error(`unexpected STUN answer type 0x${answer.type.toString(16)}`);
}

/**
 * A TURN Allocate for a UDP relay, authenticated with this username and password. One socket
 * for both requests: coturn binds its nonce to the client's address and port.
 */
export function allocateRelay(credentials: { username: string; password: string }, port: number, host = '127.0.0.1'): Promise<AllocateResult> {
  return withSocket((socket) => authenticatedAllocate(socket, credentials, port, host));
}

async function authenticatedAllocate(socket: Socket, credentials: { username: string; password: string }, port: number, host: string): Promise<AllocateResult> {
  const transport: [number, Buffer][] = [[Attribute.RequestedTransport, Buffer.from([UDP_PROTOCOL, 0, 0, 0])]];
  // The first, unauthenticated request is answered 401 with the realm and a nonce to sign with.
  const challenge = await exchange(socket, { host, port }, Method.AllocateRequest, transport);
  const realm = challenge.attributes.get(Attribute.Realm);
  const nonce = challenge.attributes.get(Attribute.Nonce);
  if (errorOf(challenge)?.errorCode !== 401 || !realm || !nonce) throw new Error('the TURN server did not challenge for credentials');

  const key = createHash('md5').update(`${credentials.username}:${realm.toString()}:${credentials.password}`).digest();
  const signed: [number, Buffer][] = [...transport, [Attribute.Username, Buffer.from(credentials.username)], [Attribute.Realm, realm], [Attribute.Nonce, nonce]];
  const answer = await exchange(socket, { host, port }, Method.AllocateRequest, signed, { integrityKey: key });
  if (answer.type === Method.AllocateSuccess) {
    const relayed = answer.attributes.get(Attribute.XorRelayedAddress);
    if (!relayed) throw new Error('an Allocate success without XOR-RELAYED-ADDRESS');
    return { ok: true, relayedAddress: xorAddress(relayed) };
  }
  const error = errorOf(answer);
  if (answer.type !== Method.AllocateError || !error) throw new Error(`unexpected TURN answer type 0x${answer.type.toString(16)}`);
  return { ok: false, ...error };
}

/** Sends one request and retransmits it (UDP may drop it) until the answer with its transaction id arrives. */
function exchange(
  socket: Socket,
  { host, port }: { host: string; port: number },
  type: number,
  attributes: [number, Buffer][],
  { integrityKey, tries = 8 }: { integrityKey?: Buffer; tries?: number } = {},
): Promise<StunMessage> {
  const transactionId = randomBytes(12);
  const request = encode(type, transactionId, attributes, integrityKey);
  return new Promise<StunMessage>((resolve, reject) => {
    let sent = 0;
    const send = () => {
      if (sent === tries) {
        finish(() => reject(new Error(`no STUN answer from ${host}:${port}`)));
        return;
      }
      sent += 1;
      socket.send(request, port, host);
    };
    const timer = setInterval(send, 250);
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      socket.off('message', onMessage);
      socket.off('error', onError);
      settle();
    };
    const onMessage = (data: Buffer) => {
      const message = decode(data);
      if (message && data.subarray(8, 20).equals(transactionId)) finish(() => resolve(message));
    };
    const onError = (error: Error) => finish(() => reject(error));
    socket.on('message', onMessage);
    socket.on('error', onError);
    send();
  });
}

async function withSocket<T>(use: (socket: Socket) => Promise<T>): Promise<T> {
  const socket = createSocket('udp4');
  try {
    return await use(socket);
  } finally {
    socket.close();
  }
}

function encode(type: number, transactionId: Buffer, attributes: [number, Buffer][], integrityKey?: Buffer): Buffer {
  const body = Buffer.concat(attributes.map(([attributeType, value]) => encodeAttribute(attributeType, value)));
  const header = (length: number) => {
    const bytes = Buffer.alloc(20);
    bytes.writeUInt16BE(type, 0);
    bytes.writeUInt16BE(length, 2);
    bytes.writeUInt32BE(MAGIC_COOKIE, 4);
    transactionId.copy(bytes, 8);
    return bytes;
  };
  if (!integrityKey) return Buffer.concat([header(body.length), body]);
  // MESSAGE-INTEGRITY covers the message up to itself, with the length already counting it (24 bytes).
  const covered = Buffer.concat([header(body.length + 24), body]);
  const integrity = createHmac('sha1', integrityKey).update(covered).digest();
  return Buffer.concat([covered, encodeAttribute(Attribute.MessageIntegrity, integrity)]);
}

function encodeAttribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
}

function decode(data: Buffer): StunMessage | undefined {
  if (data.length < 20 || data.readUInt32BE(4) !== MAGIC_COOKIE) return undefined;
  const end = Math.min(data.length, 20 + data.readUInt16BE(2));
  const attributes = new Map<number, Buffer>();
  for (let offset = 20; offset + 4 <= end; ) {
    const length = data.readUInt16BE(offset + 2);
    attributes.set(data.readUInt16BE(offset), data.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return { type: data.readUInt16BE(0), attributes };
}

function errorOf(message: StunMessage): { errorCode: number; reason: string } | undefined {
  const value = message.attributes.get(Attribute.ErrorCode);
  return value && value.length >= 4 ? { errorCode: (value[2] & 0x7) * 100 + value[3], reason: value.subarray(4).toString() } : undefined;
}

function xorAddress(value: Buffer): { address: string; port: number } {
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const address = (value.readUInt32BE(4) ^ MAGIC_COOKIE) >>> 0;
  return { address: [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.'), port };
}
