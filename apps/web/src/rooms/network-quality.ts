/** How well media flows, as a person reads it; 'unknown' until the SFU has scored something. */
export type NetworkQuality = 'unknown' | 'good' | 'fair' | 'poor';

export const GOOD_SCORE = 7;
export const FAIR_SCORE = 4;

/**
 * mediasoup scores each stream 0–10: what this browser sends (producer scores) and what it
 * receives (consumer scores). The call is as good as its worst stream.
 */
export function networkQualityOf(scores: Iterable<number>): { quality: NetworkQuality; score: number | null } {
  let lowest: number | null = null;
  for (const score of scores) lowest = lowest === null ? score : Math.min(lowest, score);
  if (lowest === null) return { quality: 'unknown', score: null };
  const quality = lowest >= GOOD_SCORE ? 'good' : lowest >= FAIR_SCORE ? 'fair' : 'poor';
  return { quality, score: lowest };
}

export const qualityLabels: Record<NetworkQuality, string> = {
  unknown: 'Measuring',
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
};
