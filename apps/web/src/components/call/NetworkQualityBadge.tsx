import { qualityLabels, type NetworkQuality } from '../../rooms/network-quality';

const hints: Record<NetworkQuality, string> = {
  unknown: 'The connection is being measured.',
  good: 'Video and sound are flowing well.',
  fair: 'Some video or sound is being lost; the picture may be softer.',
  poor: 'Much video or sound is being lost. Moving closer to the Wi-Fi router or closing other apps may help.',
};

/** How well media flows, from the SFU's 0–10 scores of what this browser sends and receives. */
export function NetworkQualityBadge({ quality, score }: { quality: NetworkQuality; score: number | null }) {
  return (
    <span className={`call-badge call-quality call-quality-${quality}`} title={hints[quality]} data-testid="network-quality" data-score={score ?? undefined}>
      <span className="call-quality-bars" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      Connection: {qualityLabels[quality]}
      <span className="visually-hidden">. {hints[quality]}</span>
    </span>
  );
}
