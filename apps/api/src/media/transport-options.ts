import type { TransportOptionsView } from '@vetmeet/contracts';
import type { types } from 'mediasoup';

/** What a browser needs to open its side of a WebRtcTransport (mediasoup-client's transport options). */
export function transportOptionsOf(transport: types.WebRtcTransport): TransportOptionsView {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
  } as TransportOptionsView;
}
