/**
 * Messages between the bench's SFU process and its load generator, over the child process's
 * IPC channel: the bench measures the media plane, so signaling is the smallest that works.
 */

export interface ServerTransport {
  id: string;
  iceUsernameFragment: string;
  icePassword: string;
  /** UDP host candidates of the WebRtcServer (the generator's ICE has no TCP). */
  candidates: { foundation: string; priority: number; ip: string; port: number }[];
  fingerprint: { algorithm: string; value: string };
}

export interface PayloadTypes {
  opus: number;
  vp8: number;
}

/** Parent -> generator: a consultation's four server transports (send + recv for each of two peers). */
export interface OpenMessage {
  type: 'open';
  consultation: number;
  payloadTypes: PayloadTypes;
  peers: { send: ServerTransport; recv: ServerTransport }[];
}

/** Generator -> parent: what the SFU needs to connect and produce. */
export interface OfferedMessage {
  type: 'offered';
  consultation: number;
  peers: { sendFingerprint: ServerTransport['fingerprint']; recvFingerprint: ServerTransport['fingerprint']; cname: string; audioSsrc: number; videoSsrc: number }[];
}

export interface ConsumerStream {
  ssrc: number;
  payloadType: number;
}

/** Parent -> generator: the consumers each peer's receive transport will carry (the other peer's media). */
export interface AnswerMessage {
  type: 'answer';
  consultation: number;
  peers: { audio: ConsumerStream; video: ConsumerStream; cname: string }[];
}

export interface StreamCounters {
  expected: number;
  received: number;
}

export interface GeneratorStats {
  /** One per receiving stream, keyed "consultation/peer/kind". */
  streams: Record<string, StreamCounters>;
  sentPackets: number;
  sentBytes: number;
  /** sendMessageBinary answered false (the track was not open or the native queue refused it). */
  sendFailures: number;
  receivedPackets: number;
  /** The latest a packet left after its due time since the previous snapshot: the generator falling behind. */
  maxLagMs: number;
  /** Local UDP ports of the generator's ICE sockets, for their kernel drop counters. */
  localPorts: number[];
}

export type ToGenerator =
  | OpenMessage
  | AnswerMessage
  | { type: 'snapshot'; id: number }
  | { type: 'stop' };

export type FromGenerator =
  | { type: 'hello'; pid: number }
  | OfferedMessage
  | { type: 'flowing'; consultation: number }
  | { type: 'failed'; consultation: number; reason: string }
  | { type: 'snapshot'; id: number; stats: GeneratorStats };
