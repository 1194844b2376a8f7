import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { observer, type types } from 'mediasoup';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { MediaWorkerPool, type MediaWorkerSlot } from '../../apps/api/src/media/media-worker-pool';
import type { Peer } from '../../apps/api/src/media/peer';
import { Room } from '../../apps/api/src/media/room';
import { MetricsService } from '../../apps/api/src/metrics/metrics.service';
import type { AnswerMessage, OfferedMessage, OpenMessage, PayloadTypes, ServerTransport } from './protocol';
import { AUDIO_LEVEL_EXTENSION_ID, AUDIO_LEVEL_EXTENSION_URI, TWCC_EXTENSION_ID, TWCC_EXTENSION_URI } from './rtp';

/**
 * The SFU under test, built from production code: MediaWorkerPool starts the worker and its
 * WebRtcServer exactly as the app does (one worker here, on loopback), every consultation is a
 * Room with its own router, and each peer gets a send and a recv WebRtcTransport from
 * Room.createWebRtcTransport. Producers and consumers are made as the consultation room's media
 * (apps/api/src/rooms/room-media.ts) makes them: producers registered with Room.addProducer
 * (audio feeds the room's active-speaker observer), consumers paused, then resumed with a
 * key-frame request once the receiver is ready.
 */

interface BenchPeer {
  peer: Peer;
  send: types.WebRtcTransport;
  recv: types.WebRtcTransport;
  producers: types.Producer[];
  consumers: types.Consumer[];
}

interface Consultation {
  room: Room;
  peers: BenchPeer[];
}

export interface SfuCounters {
  bytesIn: number;
  bytesOut: number;
  /** RTP packets the producers received and the gaps they saw (loss on the way in). */
  producerPackets: number;
  producerLost: number;
  /** RTP packets the consumers sent. */
  consumerPackets: number;
}

export class SfuUnderTest {
  private readonly consultations = new Map<number, Consultation>();

  private constructor(
    private readonly pool: MediaWorkerPool,
    readonly slot: MediaWorkerSlot,
    readonly port: number,
  ) {}

  /**
   * @param socketBufferBytes what-if only: UDP send/receive buffer of the WebRtcServer's socket
   * (mediasoup ListenInfo send/recvBufferSize), instead of production's MEDIA_SOCKET_BUFFER_BYTES.
   */
  static async start(port: number, core: number, socketBufferBytes?: number): Promise<SfuUnderTest> {
    if (socketBufferBytes) {
      observer.once('newworker', (worker) => {
        const createWebRtcServer = worker.createWebRtcServer.bind(worker);
        worker.createWebRtcServer = (options) =>
          createWebRtcServer({ ...options, listenInfos: options.listenInfos.map((info) => ({ ...info, sendBufferSize: socketBufferBytes, recvBufferSize: socketBufferBytes })) });
      });
    }
    const config = Object.assign(new AppConfig(), { MEDIA_WORKERS: 1, MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_RTC_PORT: port, MEDIA_LOG_LEVEL: 'warn' });
    const pool = new MediaWorkerPool(config, new MetricsService());
    await pool.onModuleInit();
    const slot = pool.leastLoaded();
    if (!slot) throw new Error('the mediasoup worker did not start');
    execFileSync('taskset', ['-cp', String(core), String(slot.worker.pid)], { stdio: 'ignore' });
    // When the bench runs real-time (run.sh), the worker it inherited that from goes one step
    // above it: on their shared core the worker must never wait for the bench's own Node threads.
    const bench = /^policy\s*:\s*(\d+)$/m.exec(readFileSync('/proc/self/sched', 'utf8'))?.[1];
    if (bench === '2') execFileSync('chrt', ['--all-tasks', '--rr', '--pid', '20', String(slot.worker.pid)], { stdio: 'ignore' });
    const allowed = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${slot.worker.pid}/status`, 'utf8'))?.[1];
    if (allowed !== String(core)) throw new Error(`could not pin the worker to core ${core} (allowed: ${allowed})`);
    return new SfuUnderTest(pool, slot, port);
  }

  get workerPid(): number {
    return this.slot.worker.pid;
  }

  /** CPU time (user + system) of the worker so far, in ms, as the metrics endpoint reads it. */
  async workerCpuMs(): Promise<number> {
    const usage = await this.slot.worker.getResourceUsage();
    return usage.ru_utime + usage.ru_stime;
  }

  async open(consultation: number): Promise<OpenMessage> {
    const room = await Room.create(`bench-${consultation}`, this.pool);
    const peers: BenchPeer[] = [];
    for (const id of ['vet', 'owner']) {
      const peer = room.join(id);
      const send = await room.createWebRtcTransport(peer, 'send');
      const recv = await room.createWebRtcTransport(peer, 'recv');
      peers.push({ peer, send, recv, producers: [], consumers: [] });
    }
    this.consultations.set(consultation, { room, peers });
    return { type: 'open', consultation, payloadTypes: payloadTypes(room.router), peers: peers.map(({ send, recv }) => ({ send: serverTransport(send), recv: serverTransport(recv) })) };
  }

  /** Connects DTLS, produces each peer's audio and video, and consumes them (paused) on the other peer. */
  async connect(offered: OfferedMessage): Promise<AnswerMessage> {
    const { room, peers } = this.get(offered.consultation);
    const pts = payloadTypes(room.router);
    await Promise.all(
      peers.map(async (benchPeer, index) => {
        const offer = offered.peers[index];
        // The generator offered actpass and our answer said passive: it is the DTLS client.
        await benchPeer.send.connect({ dtlsParameters: { role: 'client', fingerprints: [offer.sendFingerprint as types.DtlsFingerprint] } });
        await benchPeer.recv.connect({ dtlsParameters: { role: 'client', fingerprints: [offer.recvFingerprint as types.DtlsFingerprint] } });
        for (const [kind, ssrc, mid] of [['audio', offer.audioSsrc, '0'], ['video', offer.videoSsrc, '1']] as const) {
          const appData = { peerId: benchPeer.peer.id, source: kind === 'audio' ? 'microphone' : 'camera' };
          const producer = await benchPeer.send.produce({ kind, rtpParameters: producerParameters(kind, mid, ssrc, offer.cname, pts), appData });
          // As the consultation room does: audio also feeds the room's active-speaker observer.
          await room.addProducer(benchPeer.peer, producer);
          benchPeer.producers.push(producer);
        }
      }),
    );
    const rtpCapabilities = receiverCapabilities(room.router);
    const answer: AnswerMessage = { type: 'answer', consultation: offered.consultation, peers: [] };
    for (const [index, benchPeer] of peers.entries()) {
      const other = peers[1 - index];
      const streams: Partial<Record<types.MediaKind, { ssrc: number; payloadType: number }>> = {};
      for (const producer of other.producers) {
        if (!room.router.canConsume({ producerId: producer.id, rtpCapabilities })) throw new Error(`cannot consume ${producer.kind}`);
        const consumer = await benchPeer.recv.consume({ producerId: producer.id, rtpCapabilities, paused: true });
        benchPeer.peer.addConsumer(consumer);
        benchPeer.consumers.push(consumer);
        streams[consumer.kind] = { ssrc: consumer.rtpParameters.encodings![0].ssrc!, payloadType: consumer.rtpParameters.codecs[0].payloadType };
      }
      answer.peers.push({ audio: streams.audio!, video: streams.video!, cname: offered.peers[1 - index].cname });
    }
    return answer;
  }

  /** The receivers are ready: start forwarding, and ask for a key frame as the app does. */
  async resume(consultation: number): Promise<void> {
    for (const { consumers } of this.get(consultation).peers) {
      for (const consumer of consumers) {
        await consumer.resume();
        if (consumer.kind === 'video') await consumer.requestKeyFrame();
      }
    }
  }

  /** A consultation's router and its four producers (both peers' audio and video), for bench:recording. */
  media(consultation: number): { router: types.Router; producers: types.Producer[] } {
    const { room, peers } = this.get(consultation);
    return { router: room.router, producers: peers.flatMap((peer) => peer.producers) };
  }

  async counters(): Promise<SfuCounters> {
    const counters: SfuCounters = { bytesIn: 0, bytesOut: 0, producerPackets: 0, producerLost: 0, consumerPackets: 0 };
    const work: Promise<void>[] = [];
    for (const { peers } of this.consultations.values()) {
      for (const { send, recv, producers, consumers } of peers) {
        for (const transport of [send, recv]) {
          work.push(
            transport.getStats().then(([stats]) => {
              counters.bytesIn += stats.bytesReceived;
              counters.bytesOut += stats.bytesSent;
            }),
          );
        }
        for (const producer of producers) {
          work.push(
            producer.getStats().then((all) => {
              for (const stats of all) {
                counters.producerPackets += stats.packetCount;
                counters.producerLost += stats.packetsLost;
              }
            }),
          );
        }
        for (const consumer of consumers) {
          work.push(
            consumer.getStats().then((all) => {
              for (const stats of all) if (stats.type === 'outbound-rtp') counters.consumerPackets += stats.packetCount;
            }),
          );
        }
      }
    }
    await Promise.all(work);
    return counters;
  }

  /** Closes everything and waits (up to 3 s, then SIGKILL) until the worker process is gone. */
  async close(): Promise<void> {
    for (const { room } of this.consultations.values()) room.close();
    this.consultations.clear();
    const pid = this.workerPid;
    await this.pool.onApplicationShutdown();
    for (let waited = 0; alive(pid); waited += 50) {
      if (waited >= 3_000) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private get(consultation: number): Consultation {
    const found = this.consultations.get(consultation);
    if (!found) throw new Error(`no consultation ${consultation}`);
    return found;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function serverTransport(transport: types.WebRtcTransport): ServerTransport {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
  if (!fingerprint) throw new Error('the transport has no sha-256 fingerprint');
  return {
    id: transport.id,
    iceUsernameFragment: transport.iceParameters.usernameFragment,
    icePassword: transport.iceParameters.password,
    candidates: transport.iceCandidates
      .filter((candidate) => candidate.protocol === 'udp')
      .map((candidate) => ({ foundation: candidate.foundation, priority: candidate.priority, ip: candidate.address ?? candidate.ip, port: candidate.port })),
    fingerprint,
  };
}

function codec(router: types.Router, mimeType: string): types.RtpCodecCapability {
  const found = router.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === mimeType.toLowerCase());
  if (!found) throw new Error(`the router offers no ${mimeType}`);
  return found;
}

function payloadTypes(router: types.Router): PayloadTypes {
  return { opus: codec(router, 'audio/opus').preferredPayloadType!, vp8: codec(router, 'video/VP8').preferredPayloadType! };
}

/** What a browser's send transport declares for one camera or microphone track (no simulcast). */
function producerParameters(kind: types.MediaKind, mid: string, ssrc: number, cname: string, pts: PayloadTypes): types.RtpParameters {
  const transportCc = { type: 'transport-cc', parameter: '' };
  const codecs: types.RtpCodecParameters[] =
    kind === 'audio'
      ? [{ mimeType: 'audio/opus', payloadType: pts.opus, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 }, rtcpFeedback: [transportCc] }]
      : [
          {
            mimeType: 'video/VP8',
            payloadType: pts.vp8,
            clockRate: 90000,
            rtcpFeedback: [{ type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, transportCc],
          },
        ];
  const headerExtensions = [{ uri: TWCC_EXTENSION_URI, id: TWCC_EXTENSION_ID }];
  if (kind === 'audio') headerExtensions.push({ uri: AUDIO_LEVEL_EXTENSION_URI, id: AUDIO_LEVEL_EXTENSION_ID });
  return {
    mid,
    codecs,
    headerExtensions,
    encodings: [{ ssrc }],
    rtcp: { cname, reducedSize: true },
  } as types.RtpParameters;
}

/**
 * The receiving peers' capabilities: Opus and VP8 with NACK/PLI/FIR, no RTX and no
 * bandwidth-estimation feedback (the generator gives none, see generator.ts).
 */
function receiverCapabilities(router: types.Router): types.RtpCapabilities {
  const opus = codec(router, 'audio/opus');
  const vp8 = codec(router, 'video/VP8');
  return {
    codecs: [
      { ...opus, rtcpFeedback: [] },
      { ...vp8, rtcpFeedback: [{ type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] },
    ],
    headerExtensions: [],
  };
}
