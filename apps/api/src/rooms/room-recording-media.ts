import type { types } from 'mediasoup';
import type { RecordableProducer, RecordingMedia, TrackHandle } from '../recordings/capture/recording-media';
import type { SegmentSink } from '../recordings/capture/recording-sink';
import { TrackRecorder } from '../recordings/capture/track-recorder';
import type { RoomMedia } from './room-media';

/**
 * The room's media as its recording sees it: every producer of the current router (a new
 * router after a media worker died), each recorded on the router it was made on.
 */
export class RoomRecordingMedia implements RecordingMedia {
  private readonly routers = new WeakMap<RecordableProducer, types.Router>();

  constructor(private readonly media: RoomMedia) {}

  async producers(): Promise<RecordableProducer[]> {
    const room = await this.media.room().catch(() => undefined);
    if (!room || room.isClosed) return [];
    const producers = [...room.peers.values()].flatMap((peer) => [...peer.producers.values()]);
    for (const producer of producers) this.routers.set(producer, room.router);
    return producers;
  }

  onProducer(listener: (producer: RecordableProducer) => void): void {
    this.media.events.on('producer', (router, producer) => {
      this.routers.set(producer, router);
      listener(producer);
    });
  }

  mimeTypeOf(producer: RecordableProducer): string | undefined {
    return TrackRecorder.mimeTypeOf(producer as types.Producer);
  }

  record(producer: RecordableProducer, sink: SegmentSink): TrackHandle {
    const router = this.routers.get(producer);
    if (!router) throw new Error('producer of an unknown router');
    return TrackRecorder.start(router, producer as types.Producer, sink);
  }
}
