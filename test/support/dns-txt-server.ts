import { createSocket, type RemoteInfo } from 'node:dgram';

export interface TxtDnsServer {
  /** host:port, as SSO_DNS_SERVERS takes it. */
  address: string;
  /** Publishes TXT values under a name (replacing what it had); no values takes the name away. */
  set(name: string, values: string[]): void;
  close(): Promise<void>;
}

const TXT = 16;
const NO_SUCH_NAME = 3;

/** The question's name (labels) and where the question ends, or undefined when it is malformed. */
function readQuestion(query: Buffer): { name: string; end: number; type: number } | undefined {
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset];
    if (length > 63) return undefined;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += 1 + length;
  }
  if (offset + 5 > query.length) return undefined;
  return { name: labels.join('.').toLowerCase(), end: offset + 5, type: query.readUInt16BE(offset + 1) };
}

/** One TXT answer pointing at the question's name (offset 12), its value in strings of up to 255 bytes. */
function txtAnswer(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < Math.max(bytes.length, 1); at += 255) {
    const chunk = bytes.subarray(at, at + 255);
    chunks.push(Buffer.from([chunk.length]), chunk);
  }
  const data = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0);
  head.writeUInt16BE(TXT, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt32BE(60, 6);
  head.writeUInt16BE(data.length, 10);
  return Buffer.concat([head, data]);
}

/**
 * A tiny DNS server on loopback (UDP) that answers TXT questions from a table the test fills, and
 * NXDOMAIN for any other name: enough for node's Resolver, which domain verification uses.
 */
export async function startTxtDnsServer(): Promise<TxtDnsServer> {
  const records = new Map<string, string[]>();
  const socket = createSocket('udp4');
  socket.on('message', (query: Buffer, from: RemoteInfo) => {
    const question = query.length >= 12 ? readQuestion(query) : undefined;
    if (!question) return;
    const values = records.get(question.name);
    const answers = values && question.type === TXT ? values.map(txtAnswer) : [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    // A response to a standard query, recursion desired and available; NXDOMAIN for an unknown name.
    header.writeUInt16BE(0x8180 | (values ? 0 : NO_SUCH_NAME), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, query.subarray(12, question.end), ...answers]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    set(name, values) {
      if (values.length === 0) records.delete(name.toLowerCase());
      else records.set(name.toLowerCase(), values);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
