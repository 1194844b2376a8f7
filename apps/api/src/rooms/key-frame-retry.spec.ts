import { KEY_FRAME_RETRY_MS, retryKeyFrameIfStillWaiting } from './key-frame-retry';

/** A consumer double: how many packets it has sent, and how often a key frame was asked for. */
function consumerThatSent(packetCount: number, state: { closed?: boolean; paused?: boolean } = {}) {
  const consumer = {
    closed: state.closed ?? false,
    paused: state.paused ?? false,
    producerPaused: false,
    requests: 0,
    getStats: async () => [{ type: 'outbound-rtp', packetCount }, { type: 'inbound-rtp', packetCount: 900 }],
    requestKeyFrame: async () => {
      consumer.requests += 1;
    },
  };
  return consumer;
}

async function afterTheRetryDelay(): Promise<void> {
  await jest.advanceTimersByTimeAsync(KEY_FRAME_RETRY_MS + 1);
}

describe(retryKeyFrameIfStillWaiting.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks the sender again when nothing was forwarded by then, and not before', async () => {
    const consumer = consumerThatSent(0);
    retryKeyFrameIfStillWaiting(consumer as never);
    await jest.advanceTimersByTimeAsync(KEY_FRAME_RETRY_MS - 50);
    expect(consumer.requests).toBe(0);
    await afterTheRetryDelay();
    expect(consumer.requests).toBe(1);
  });

  it('leaves a consumer alone that already forwards media, was closed or was paused again', async () => {
    const consumers = [consumerThatSent(12), consumerThatSent(0, { closed: true }), consumerThatSent(0, { paused: true })];
    for (const consumer of consumers) retryKeyFrameIfStillWaiting(consumer as never);
    await afterTheRetryDelay();
    expect(consumers.map((consumer) => consumer.requests)).toEqual([0, 0, 0]);
  });
});
