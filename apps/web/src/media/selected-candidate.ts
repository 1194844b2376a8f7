import type { Transport } from 'mediasoup-client/types';

const isTransportStats = (stat: RTCStats): stat is RTCTransportStats => stat.type === 'transport';
const isCandidatePair = (stat: RTCStats): stat is RTCIceCandidatePairStats => stat.type === 'candidate-pair';

/**
 * The type of the local ICE candidate in the pair the browser selected (host, srflx, prflx
 * or relay), from the transport's RTCPeerConnection stats; null until ICE has selected one.
 * "relay" means this browser's media goes through the TURN server.
 */
export async function readSelectedCandidateType(transport: Transport): Promise<RTCIceCandidateType | null> {
  const report = await transport.getStats();
  const stats: RTCStats[] = [];
  report.forEach((stat: RTCStats) => stats.push(stat));
  const pairs = stats.filter(isCandidatePair);
  const selectedPairId = stats.filter(isTransportStats).find((stat) => stat.selectedCandidatePairId)?.selectedCandidatePairId;
  // Firefox reports no selectedCandidatePairId: there the selected pair is the nominated, succeeded one.
  const pair = selectedPairId
    ? pairs.find((candidatePair) => candidatePair.id === selectedPairId)
    : pairs.find((candidatePair) => candidatePair.nominated && candidatePair.state === 'succeeded');
  const local = pair ? (report.get(pair.localCandidateId) as { candidateType?: RTCIceCandidateType } | undefined) : undefined;
  return local?.candidateType ?? null;
}
