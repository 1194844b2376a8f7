import { randomBytes } from 'node:crypto';
import { Audio, PeerConnection, Video, cleanup, initLogger, type Track } from 'node-datachannel';
import { SequenceLossCounter } from './loss-counter';
import { loadAudioClip, loadVideoClip, type Clip } from './media-clip';
import type { AnswerMessage, FromGenerator, GeneratorStats, OpenMessage, PayloadTypes, ToGenerator } from './protocol';
import { AUDIO_LEVEL_EXTENSION_ID, AUDIO_LEVEL_EXTENSION_URI, readRtpIds, stampVp8PictureId, TWCC_EXTENSION_ID, TWCC_EXTENSION_URI, writeRtpHeader } from './rtp';
import { answerSdp, fingerprintOf } from './sdp';

/**
 * The load generator: a separate process (pinned to its own core by the bench) holding, per
 * consultation, two peers that each send Opus + 720p VP8 to the SFU and receive the other
 * peer's audio and video, over real ICE + DTLS/SRTP (libdatachannel, whose SRTP runs in C).
 * Like mediasoup-client in a browser, each peer has one send and one receive transport.
 * Media is replayed from a pre-encoded clip with per-stream SSRC, sequence numbers, RTP
 * timestamps, VP8 PictureIDs, transport-wide sequence numbers and (audio) an audio level.
 *
 * Not done, on purpose: simulcast (one 720p layer per camera), retransmissions (packets the
 * SFU NACKs are not resent, so any loss shows), answering PLIs (key frames come every 2 s),
 * RTCP sender/receiver reports and transport-wide-cc feedback from the receiving side.
 *
 * Usage (by the bench only): node -r bench/sfu/register-ts.cjs generator.ts <clip.ivf> <clip.ogg>
 */

const TICK_MS = 5;
/** -30 dBov: someone talking, above the room's active-speaker threshold. */
const SPEAKING_LEVEL = 30;
const SETUP_TIMEOUT_MS = 20_000;

interface SendStream {
  track: Track;
  clip: Clip;
  payloadType: number;
  ssrc: number;
  transport: { transportSequence: number };
  sequence: number;
  timestampBase: number;
  pictureIdBase: number;
  startMs: number;
  loop: number;
  next: number;
}

interface ReceiveStream {
  key: string;
  ssrc: number;
  counter: SequenceLossCounter;
}

interface GeneratorPeer {
  cname: string;
  send: PeerConnection;
  recv: PeerConnection;
  sendTracks: { audio: Track; video: Track };
  recvTracks: { audio: Track; video: Track };
  audioSsrc: number;
  videoSsrc: number;
  server: OpenMessage['peers'][number];
}

const [ivfPath, oggPath] = process.argv.slice(2);
const clips = { video: loadVideoClip(ivfPath), audio: loadAudioClip(oggPath) };
const consultations = new Map<number, { peers: GeneratorPeer[]; payloadTypes: PayloadTypes; timer: NodeJS.Timeout }>();
const sendStreams: SendStream[] = [];
const receiveStreams: ReceiveStream[] = [];
const totals = { sentPackets: 0, sentBytes: 0, sendFailures: 0, receivedPackets: 0, maxLagMs: 0 };
const scratch = Buffer.alloc(1500);
let stopping = false;

initLogger('Error', (level, message) => console.error(`[generator] libdatachannel ${level}: ${message}`));
const post = (message: FromGenerator) => process.send?.(message);
const random32 = () => randomBytes(4).readUInt32BE(0);

process.on('message', (message: ToGenerator) => {
  try {
    if (message.type === 'open') open(message);
    else if (message.type === 'answer') answer(message);
    else if (message.type === 'snapshot') post({ type: 'snapshot', id: message.id, stats: snapshot() });
    else if (message.type === 'stop') stop(0);
  } catch (error) {
    const consultation = 'consultation' in message ? message.consultation : -1;
    post({ type: 'failed', consultation, reason: (error as Error).message });
  }
});
// The bench died or closed the channel: never outlive it.
process.on('disconnect', () => stop(0));

function newPeerConnection(name: string): PeerConnection {
  // Loopback only; no auto-negotiation: the offer is made once every track is on it.
  return new PeerConnection(name, { iceServers: [], bindAddress: '127.0.0.1', disableAutoNegotiation: true });
}

function localOffer(pc: PeerConnection): Promise<string> {
  return new Promise((resolve) => {
    pc.onLocalDescription((sdp) => resolve(sdp));
    pc.setLocalDescription('offer');
  });
}

function open(message: OpenMessage): void {
  const peers = message.peers.map((server, index): GeneratorPeer => {
    const cname = randomBytes(8).toString('hex');
    const name = `c${message.consultation}p${index}`;
    const send = newPeerConnection(`${name}-send`);
    const recv = newPeerConnection(`${name}-recv`);
    const audioSsrc = random32();
    const videoSsrc = random32();
    const sendAudio = new Audio('0', 'SendOnly');
    sendAudio.addAudioCodec(message.payloadTypes.opus, 'opus');
    sendAudio.addSSRC(audioSsrc, cname, cname, 'audio');
    const sendVideo = new Video('1', 'SendOnly');
    sendVideo.addVideoCodec(message.payloadTypes.vp8, 'VP8');
    sendVideo.addSSRC(videoSsrc, cname, cname, 'video');
    const recvAudio = new Audio('0', 'RecvOnly');
    recvAudio.addAudioCodec(message.payloadTypes.opus, 'opus');
    const recvVideo = new Video('1', 'RecvOnly');
    recvVideo.addVideoCodec(message.payloadTypes.vp8, 'VP8');
    return {
      cname,
      send,
      recv,
      sendTracks: { audio: send.addTrack(sendAudio), video: send.addTrack(sendVideo) },
      recvTracks: { audio: recv.addTrack(recvAudio), video: recv.addTrack(recvVideo) },
      audioSsrc,
      videoSsrc,
      server,
    };
  });
  const timer = setTimeout(() => post({ type: 'failed', consultation: message.consultation, reason: 'not flowing in time' }), SETUP_TIMEOUT_MS);
  consultations.set(message.consultation, { peers, payloadTypes: message.payloadTypes, timer });
  void Promise.all(peers.map(async (peer) => ({ send: await localOffer(peer.send), recv: await localOffer(peer.recv) }))).then((offers) =>
    post({
      type: 'offered',
      consultation: message.consultation,
      peers: peers.map((peer, index) => ({
        sendFingerprint: fingerprintOf(offers[index].send),
        recvFingerprint: fingerprintOf(offers[index].recv),
        cname: peer.cname,
        audioSsrc: peer.audioSsrc,
        videoSsrc: peer.videoSsrc,
      })),
    }),
  );
}

const opened = (track: Track) => new Promise<void>((resolve) => (track.isOpen() ? resolve() : track.onOpen(() => resolve())));

function answer(message: AnswerMessage): void {
  const consultation = consultations.get(message.consultation);
  if (!consultation) throw new Error(`no consultation ${message.consultation}`);
  const { opus, vp8 } = consultation.payloadTypes;
  const twcc = { [TWCC_EXTENSION_ID]: TWCC_EXTENSION_URI };
  const audioExtensions = { ...twcc, [AUDIO_LEVEL_EXTENSION_ID]: AUDIO_LEVEL_EXTENSION_URI };
  consultation.peers.forEach((peer, index) => {
    const incoming = message.peers[index];
    peer.send.setRemoteDescription(
      answerSdp(peer.server.send, [
        { mid: '0', kind: 'audio', payloadType: opus, direction: 'recvonly', extensions: audioExtensions },
        { mid: '1', kind: 'video', payloadType: vp8, direction: 'recvonly', extensions: twcc },
      ]),
      'answer',
    );
    peer.recv.setRemoteDescription(
      answerSdp(peer.server.recv, [
        { mid: '0', kind: 'audio', payloadType: incoming.audio.payloadType, direction: 'sendonly', ssrc: incoming.audio.ssrc, cname: incoming.cname },
        { mid: '1', kind: 'video', payloadType: incoming.video.payloadType, direction: 'sendonly', ssrc: incoming.video.ssrc, cname: incoming.cname },
      ]),
      'answer',
    );
    countReceived(`${message.consultation}/${index}/audio`, peer.recvTracks.audio, incoming.audio.ssrc);
    countReceived(`${message.consultation}/${index}/video`, peer.recvTracks.video, incoming.video.ssrc);
  });
  const tracks = consultation.peers.flatMap((peer) => [peer.sendTracks.audio, peer.sendTracks.video, peer.recvTracks.audio, peer.recvTracks.video]);
  void Promise.all(tracks.map(opened)).then(() => {
    clearTimeout(consultation.timer);
    if (stopping) return;
    for (const peer of consultation.peers) startSending(peer, consultation.payloadTypes);
    post({ type: 'flowing', consultation: message.consultation });
  });
}

function countReceived(key: string, track: Track, ssrc: number): void {
  const stream: ReceiveStream = { key, ssrc, counter: new SequenceLossCounter() };
  receiveStreams.push(stream);
  track.onMessage((packet) => {
    totals.receivedPackets += 1;
    const ids = readRtpIds(packet);
    // RTCP (sender reports) arrives here too; only the consumer's own SSRC is media.
    if (ids?.ssrc === ssrc) stream.counter.record(ids.sequenceNumber);
  });
}

function startSending(peer: GeneratorPeer, payloadTypes: PayloadTypes): void {
  const transport = { transportSequence: random32() & 0xffff };
  const now = performance.now();
  // A random phase per stream, so peers' frames interleave instead of leaving together.
  const stream = (track: Track, clip: Clip, payloadType: number, ssrc: number): SendStream => ({
    track,
    clip,
    payloadType,
    ssrc,
    transport,
    sequence: random32() & 0xffff,
    timestampBase: random32(),
    pictureIdBase: random32() & 0x7fff,
    startMs: now + Math.random() * 40,
    loop: 0,
    next: 0,
  });
  sendStreams.push(stream(peer.sendTracks.audio, clips.audio, payloadTypes.opus, peer.audioSsrc));
  sendStreams.push(stream(peer.sendTracks.video, clips.video, payloadTypes.vp8, peer.videoSsrc));
}

/**
 * Sends the packets that are due, stream by stream, every few ms. After a stall (GC, or the
 * core lent to another process) the backlog leaves at up to CATCH_UP times the nominal rate
 * rather than in one burst: a real population of clients on separate hosts never sends in
 * lockstep, and a burst from one stalled generator would overflow the SFU's socket buffer
 * and be counted as the SFU's loss. Streams take turns at going first.
 */
const CATCH_UP = 3;
let firstStream = 0;
function tick(): void {
  const now = performance.now();
  let budget = CATCH_UP * nominalBytesPerMs() * TICK_MS;
  const count = sendStreams.length;
  firstStream = count ? (firstStream + 1) % count : 0;
  for (let turn = 0; turn < count && budget > 0; turn += 1) {
    const stream = sendStreams[(firstStream + turn) % count];
    const { clip } = stream;
    for (;;) {
      const packet = clip.packets[stream.next];
      const due = stream.startMs + stream.loop * clip.durationMs + packet.atMs;
      if (due > now || budget <= 0) break;
      totals.maxLagMs = Math.max(totals.maxLagMs, now - due);
      const headerLength = writeRtpHeader(scratch, {
        payloadType: stream.payloadType,
        marker: packet.marker,
        sequenceNumber: stream.sequence,
        timestamp: stream.timestampBase + Math.round((stream.loop * clip.durationMs * clip.clockRate) / 1000) + packet.rtpTime,
        ssrc: stream.ssrc,
        transportSequenceNumber: stream.transport.transportSequence,
        audioLevel: clip.kind === 'audio' ? SPEAKING_LEVEL : undefined,
      });
      packet.payload.copy(scratch, headerLength);
      if (clip.kind === 'video') stampVp8PictureId(scratch, headerLength, (stream.pictureIdBase + stream.loop * clip.frames + packet.frame) & 0x7fff);
      const length = headerLength + packet.payload.length;
      budget -= length;
      if (stream.track.sendMessageBinary(scratch.subarray(0, length))) {
        totals.sentPackets += 1;
        totals.sentBytes += length;
      } else {
        totals.sendFailures += 1;
      }
      stream.sequence = (stream.sequence + 1) & 0xffff;
      stream.transport.transportSequence = (stream.transport.transportSequence + 1) & 0xffff;
      stream.next += 1;
      if (stream.next === clip.packets.length) {
        stream.next = 0;
        stream.loop += 1;
      }
    }
  }
}

let nominal = { streams: -1, bytesPerMs: 0 };
function nominalBytesPerMs(): number {
  if (nominal.streams !== sendStreams.length) {
    nominal = { streams: sendStreams.length, bytesPerMs: sendStreams.reduce((sum, stream) => sum + stream.clip.bitsPerSecond / 8000, 0) };
  }
  return nominal.bytesPerMs;
}
const ticker = setInterval(tick, TICK_MS);

function snapshot(): GeneratorStats {
  const streams: GeneratorStats['streams'] = {};
  for (const stream of receiveStreams) streams[stream.key] = { expected: stream.counter.expected, received: stream.counter.received };
  const localPorts: number[] = [];
  for (const { peers } of consultations.values()) {
    for (const peer of peers) {
      for (const pc of [peer.send, peer.recv]) {
        const port = pc.getSelectedCandidatePair()?.local.port;
        if (port) localPorts.push(port);
      }
    }
  }
  const stats = { streams, ...totals, localPorts };
  totals.maxLagMs = 0;
  return stats;
}

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  clearInterval(ticker);
  for (const { peers, timer } of consultations.values()) {
    clearTimeout(timer);
    for (const peer of peers) {
      peer.send.close();
      peer.recv.close();
    }
  }
  cleanup();
  process.exit(code);
}

post({ type: 'hello', pid: process.pid });
