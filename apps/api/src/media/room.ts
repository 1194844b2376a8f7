import { Logger } from '@nestjs/common';
import type { types } from 'mediasoup';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { mediaCodecs } from './media-codecs';
import type { MediaWorkerPool, MediaWorkerSlot } from './media-worker-pool';
import { Peer } from './peer';

/** Browsers start sending at this rate until bandwidth estimation takes over. */
const INITIAL_OUTGOING_BITRATE = 1_000_000;

/**
 * A room owns one mediasoup router on one worker and the peers in it. Every transport it
 * makes is a WebRtcTransport on the worker's WebRtcServer: DTLS/SRTP only, never plain RTP.
 */
export class Room {
  private static readonly logger = new Logger('Room');
  readonly peers = new Map<string, Peer>();
  private closed = false;

  private constructor(
    readonly id: string,
    readonly router: types.Router,
    private readonly slot: MediaWorkerSlot,
  ) {}

  static async create(id: string, pool: MediaWorkerPool): Promise<Room> {
    const slot = pool.leastLoaded();
    if (!slot) throw new AppError(ErrorCode.MediaUnavailable);
    const router = await slot.worker.createRouter({ mediaCodecs });
    Room.logger.debug(`create() [roomId:${id}, worker:${slot.index}]`);
    return new Room(id, router, slot);
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  join(peerId: string): Peer {
    const peer = this.peers.get(peerId) ?? new Peer(peerId);
    this.peers.set(peerId, peer);
    return peer;
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
    Room.logger.debug(`close() [roomId:${this.id}]`);
  }
}
