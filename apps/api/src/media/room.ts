import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { types } from 'mediasoup';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { mediaCodecs } from './media-codecs';
import type { MediaWorkerPool, MediaWorkerSlot } from './media-worker-pool';
import { Peer } from './peer';

/** Browsers start sending at this rate until bandwidth estimation takes over. */
const INITIAL_OUTGOING_BITRATE = 1_000_000;

/** Quieter than this (dBov) is silence, for the active-speaker indicator. */
const SPEAKING_THRESHOLD_DBOV = -60;
const SPEAKER_CHECK_INTERVAL_MS = 800;

export interface RoomEvents {
  /** The peer id whose audio is loudest now, or null after silence. */
  activeSpeaker: [string | null];
  /** The router's worker died: everything in this room is gone and must be rebuilt elsewhere. */
  workerLost: [];
  /** A producer joined the room (the recording follows it). */
  producer: [types.Producer];
}

/**
 * A room owns one mediasoup router on one worker and the peers in it. Every transport it
 * makes is a WebRtcTransport on the worker's WebRtcServer: DTLS/SRTP only, never plain RTP.
 */
export class Room {
  private static readonly logger = new Logger('Room');
  readonly peers = new Map<string, Peer>();
  readonly events = new EventEmitter<RoomEvents>();
  private closed = false;

  private constructor(
    readonly id: string,
    readonly router: types.Router,
    private readonly slot: MediaWorkerSlot,
    private readonly audioLevels: types.AudioLevelObserver,
  ) {
    router.once('workerclose', () => {
      Room.logger.warn(`worker closed under room [roomId:${id}, worker:${slot.index}]`);
      this.closed = true;
      this.peers.clear();
      this.events.emit('workerLost');
    });
    audioLevels.on('volumes', (volumes) => this.events.emit('activeSpeaker', peerIdOf(volumes[0]?.producer)));
    audioLevels.on('silence', () => this.events.emit('activeSpeaker', null));
  }

  static async create(id: string, pool: MediaWorkerPool): Promise<Room> {
    const slot = pool.leastLoaded();
    if (!slot) throw new AppError(ErrorCode.MediaUnavailable);
    const router = await slot.worker.createRouter({ mediaCodecs });
    const audioLevels = await router.createAudioLevelObserver({
      maxEntries: 1,
      threshold: SPEAKING_THRESHOLD_DBOV,
      interval: SPEAKER_CHECK_INTERVAL_MS,
    });
    Room.logger.debug(`create() [roomId:${id}, worker:${slot.index}]`);
    return new Room(id, router, slot, audioLevels);
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get isClosed(): boolean {
    return this.closed || this.router.closed;
  }

  join(peerId: string): Peer {
    const peer = this.peers.get(peerId) ?? new Peer(peerId);
    this.peers.set(peerId, peer);
    return peer;
  }

  peer(peerId: string): Peer | undefined {
    return this.peers.get(peerId);
  }

  leave(peerId: string): void {
    this.peers.get(peerId)?.close();
    this.peers.delete(peerId);
  }

  async createWebRtcTransport(peer: Peer, direction: 'send' | 'recv'): Promise<types.WebRtcTransport> {
    const transport = await this.router.createWebRtcTransport({
      webRtcServer: this.slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { peerId: peer.id, direction },
    });
    peer.addTransport(transport);
    Room.logger.debug(`createWebRtcTransport() [roomId:${this.id}, transportId:${transport.id}, direction:${direction}]`);
    return transport;
  }

  /** Registers a new producer with the room: audio feeds the active-speaker observer. */
  async addProducer(peer: Peer, producer: types.Producer): Promise<void> {
    peer.addProducer(producer);
    if (producer.kind === 'audio') await this.audioLevels.addProducer({ producerId: producer.id }).catch(() => undefined);
    if (!producer.closed) this.events.emit('producer', producer);
  }

  findProducer(producerId: string): types.Producer | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    return undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.router.close();
    this.events.removeAllListeners();
    Room.logger.debug(`close() [roomId:${this.id}]`);
  }
}

function peerIdOf(producer: types.Producer | undefined): string | null {
  const peerId = producer?.appData.peerId;
  return typeof peerId === 'string' ? peerId : null;
}
