import type { types } from 'mediasoup';
import { highestLayers } from './highest-layers';

const video = (encodings: types.RtpEncodingParameters[]) => ({ kind: 'video', rtpParameters: { codecs: [], encodings } }) as unknown as types.Producer;

describe(highestLayers.name, () => {
  it('picks the top simulcast encoding and temporal layer, the top SVC layer, and nothing for a single layer', () => {
    expect(highestLayers(video([{ scalabilityMode: 'L1T3' }, { scalabilityMode: 'L1T3' }, { scalabilityMode: 'L1T3' }]))).toEqual({
      spatialLayer: 2,
      temporalLayer: 2,
    });
    expect(highestLayers(video([{ scalabilityMode: 'L3T3_KEY' }]))).toEqual({ spatialLayer: 2, temporalLayer: 2 });
    expect(highestLayers(video([{ ssrc: 1 }]))).toBeUndefined();
    expect(highestLayers({ kind: 'audio', rtpParameters: { codecs: [], encodings: [{}] } } as unknown as types.Producer)).toBeUndefined();
  });
});
