import type { Consumer } from 'mediasoup-client/types';

export interface ReceivedMediaStats {
  videoFramesDecoded: number;
  videoFrameWidth: number;
  videoFrameHeight: number;
  audioPacketsReceived: number;
}

export const noReceivedMedia: ReceivedMediaStats = {
  videoFramesDecoded: 0,
  videoFrameWidth: 0,
  videoFrameHeight: 0,
  audioPacketsReceived: 0,
};

function isInboundRtp(stat: RTCStats): stat is RTCInboundRtpStreamStats {
  return stat.type === 'inbound-rtp';
}

/** Reads what actually arrived on the receiving side, from the consumers' inbound-rtp stats. */
export async function readReceivedMedia(consumers: readonly Consumer[]): Promise<ReceivedMediaStats> {
  const reports = await Promise.all(consumers.filter((c) => !c.closed).map((c) => c.getStats()));
  const totals = { ...noReceivedMedia };
  for (const report of reports) {
    report.forEach((stat: RTCStats) => {
      if (!isInboundRtp(stat)) return;
      if (stat.kind === 'video') {
        totals.videoFramesDecoded += stat.framesDecoded ?? 0;
        totals.videoFrameWidth = Math.max(totals.videoFrameWidth, stat.frameWidth ?? 0);
        totals.videoFrameHeight = Math.max(totals.videoFrameHeight, stat.frameHeight ?? 0);
      } else if (stat.kind === 'audio') {
        totals.audioPacketsReceived += stat.packetsReceived ?? 0;
      }
    });
  }
  return totals;
}
