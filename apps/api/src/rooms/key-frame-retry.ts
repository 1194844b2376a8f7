import type { types } from 'mediasoup';

/**
 * How long a resumed video consumer may wait for its first key frame before the SFU asks the
 * sender again. A browser's encoder honours one key frame request per 300 ms (libwebrtc's
 * EncoderRtcpFeedback) and drops the rest; when the resume's request lands inside that window
 * (another receiver's request just went by), mediasoup's own retry comes only a second later,
 * and the join waits for it with a frozen tile. Just past the window, a second request is heard.
 */
export const KEY_FRAME_RETRY_MS = 350;

type VideoConsumer = Pick<types.Consumer, 'closed' | 'paused' | 'producerPaused' | 'getStats' | 'requestKeyFrame'>;

/**
 * Asks the sender for a key frame once more if the consumer, resumed KEY_FRAME_RETRY_MS ago,
 * has forwarded nothing yet (a simulcast or SVC consumer forwards nothing before a key frame).
 * A consumer closed or paused meanwhile is left alone; the timer never keeps the process alive.
 */
export function retryKeyFrameIfStillWaiting(consumer: VideoConsumer, delayMs = KEY_FRAME_RETRY_MS): void {
  const timer = setTimeout(() => void askAgainIfNothingSent(consumer), delayMs);
  timer.unref();
}

async function askAgainIfNothingSent(consumer: VideoConsumer): Promise<void> {
  if (consumer.closed || consumer.paused || consumer.producerPaused) return;
  try {
    const stats = await consumer.getStats();
    const sent = stats.find((stat) => stat.type === 'outbound-rtp');
    if (sent && sent.packetCount > 0) return;
    if (!consumer.closed) await consumer.requestKeyFrame();
  } catch {
    // Closed between the check and the request (a peer left): nothing to ask for any more.
  }
}
