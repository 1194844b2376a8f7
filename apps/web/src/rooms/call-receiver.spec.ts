import type { NewProducerNotice } from '@vetmeet/contracts/client';
import type { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { CallReceiver } from './call-receiver';
import type { RoomSignaling } from './room-signaling';

/** The requests the receiver sends, answered as the server would for a consumer of the announced producer. */
function fakeSignaling() {
  const sent: { event: string; payload: Record<string, unknown> }[] = [];
  const signaling = {
    request: async (event: string, payload: Record<string, unknown>) => {
      sent.push({ event, payload });
      if (event === 'media:consume') {
        return { id: `consumer-of-${String(payload.producerId)}`, producerId: payload.producerId, userId: 'vet', kind: 'video', source: 'camera', rtpParameters: {}, producerPaused: false };
      }
      return {};
    },
  };
  return { sent, signaling: signaling as unknown as RoomSignaling };
}

const transport = {
  id: 'recv-transport',
  consume: async ({ id, producerId }: { id: string; producerId: string }) => ({ id, producerId, track: {}, close: () => undefined }),
} as unknown as Transport;
const device = { recvRtpCapabilities: { codecs: [] } } as unknown as Device;
const camera: NewProducerNotice = { producerId: 'camera-producer', userId: 'vet', kind: 'video', source: 'camera', paused: false };

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe(CallReceiver.name, () => {
  it('consumes the camera on the layer its tile wants, so the SFU does not switch layers after the resume', async () => {
    const { sent, signaling } = fakeSignaling();
    const receiver = new CallReceiver(signaling, () => undefined, () => 0);
    receiver.attach(transport, device);
    receiver.onNewProducer(camera);
    await settled();

    const consume = sent.find((request) => request.event === 'media:consume');
    expect(consume?.payload).toMatchObject({ producerId: 'camera-producer', preferredSpatialLayer: 0 });
    // The tile reports the same layer once the consumer exists: nothing more to tell the server.
    receiver.setPreferredLayer('consumer-of-camera-producer', 0);
    await settled();
    expect(sent.map((request) => request.event)).toEqual(['media:consume', 'media:resumeConsumer']);
  });

  it('asks for no layer before the tile was laid out, and sends the layer of the tile once it is', async () => {
    const { sent, signaling } = fakeSignaling();
    const receiver = new CallReceiver(signaling, () => undefined, () => null);
    receiver.attach(transport, device);
    receiver.onNewProducer(camera);
    await settled();
    expect(sent[0].payload.preferredSpatialLayer).toBeUndefined();
    receiver.setPreferredLayer('consumer-of-camera-producer', 1);
    await settled();
    expect(sent.at(-1)).toEqual({ event: 'media:setPreferredLayers', payload: { consumerId: 'consumer-of-camera-producer', spatialLayer: 1 } });
  });
});
