import type { types } from 'mediasoup';

/**
 * The best layers a producer sends: its top simulcast encoding, or its top SVC spatial
 * layer, with every temporal layer (scalabilityMode 'L3T3', 'S2T3', …). Undefined for a
 * single-layer producer (audio, or video sent without simulcast or SVC).
 */
export function highestLayers(producer: types.Producer): types.ConsumerLayers | undefined {
  if (producer.kind !== 'video') return undefined;
  const encodings = producer.rtpParameters.encodings ?? [];
  const mode = /^[LS](\d+)T(\d+)/.exec(encodings[0]?.scalabilityMode ?? '');
  const temporalLayers = mode ? Number(mode[2]) : 1;
  const spatialLayers = encodings.length > 1 ? encodings.length : mode ? Number(mode[1]) : 1;
  if (spatialLayers <= 1 && temporalLayers <= 1) return undefined;
  return { spatialLayer: spatialLayers - 1, temporalLayer: temporalLayers - 1 };
}
