import { performance } from 'node:perf_hooks';
import { observer, type types } from 'mediasoup';
import type { MediaEvent } from './join-phases';

/** Epoch milliseconds with sub-millisecond precision, comparable with a page's performance.timeOrigin + now(). */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * A trace's own timestamp is the worker's loop time (libuv, monotonic ms): turned into epoch
 * ms it says when the worker saw the packet, not when this busy process heard of it.
 */
const monotonicToEpoch = epochNow() - Number(process.hrtime.bigint()) / 1e6;
const traceTime = (trace: { timestamp: number }) => trace.timestamp + monotonicToEpoch;

const ridText = (rid: string | Uint8Array | null | undefined) => (rid == null ? undefined : String(rid));

/**
 * What the SFU does for each video consumer, read from the outside through mediasoup's
 * observer (the app is not changed): when it is resumed, its layer changes, the first RTP
 * packet and the first key frame it forwards, and the producer's side of each key frame:
 * the PLIs and FIRs sent to the sender and the key frames that came back, per simulcast
 * stream. Install before the app creates its workers.
 */
export class MediaTrace {
  private readonly consumerEvents = new Map<string, MediaEvent[]>();
  private readonly producerEvents = new Map<string, MediaEvent[]>();
  private readonly producers = new Map<string, types.Producer>();
  private readonly ssrcRids = new Map<number, string>();

  install(): void {
    observer.on('newworker', (worker) =>
      worker.observer.on('newrouter', (router) =>
        router.observer.on('newtransport', (transport) => {
          transport.observer.on('newproducer', (producer) => this.watchProducer(producer));
          transport.observer.on('newconsumer', (consumer) => this.watchConsumer(consumer));
        }),
      ),
    );
  }

  /** The consumer's own events and those of its producer, in time order. */
  async eventsOf(consumerId: string, producerId: string): Promise<MediaEvent[]> {
    await this.learnRids(producerId);
    const rid = (event: MediaEvent) => (event.ssrc === undefined ? event : { ...event, rid: event.rid ?? this.ssrcRids.get(event.ssrc) });
    const own = this.consumerEvents.get(consumerId) ?? [];
    const producer = (this.producerEvents.get(producerId) ?? []).map(rid);
    return [...own, ...producer].sort((a, b) => a.at - b.at);
  }

  /** Drops what is older than this (epoch ms), so a long run does not keep every key frame. */
  forgetBefore(at: number): void {
    for (const events of [...this.consumerEvents.values(), ...this.producerEvents.values()]) {
      const keep = events.filter((event) => event.at >= at);
      events.splice(0, events.length, ...keep);
    }
  }

  private watchConsumer(consumer: types.Consumer): void {
    if (consumer.kind !== 'video') return;
    const events: MediaEvent[] = [];
    this.consumerEvents.set(consumer.id, events);
    let sawRtp = false;
    // As this process hears of it: late when the process is busy; the page says when it asked.
    consumer.observer.on('resume', () => events.push({ at: epochNow(), type: 'resume' }));
    consumer.observer.on('layerschange', (layers) =>
      events.push({ at: epochNow(), type: 'layers', spatialLayer: layers?.spatialLayer ?? -1, temporalLayer: layers?.temporalLayer }),
    );
    consumer.observer.on('trace', (trace) => {
      const at = traceTime(trace);
      // A key frame's packets are traced as 'keyframe' only, so the first packet may be either.
      if ((trace.type === 'rtp' || trace.type === 'keyframe') && !sawRtp) {
        sawRtp = true;
        events.push({ at, type: 'first-rtp-out' });
        // One packet is all we need: every packet is an IPC message otherwise.
        void consumer.enableTraceEvent(['keyframe', 'pli', 'fir']).catch(() => undefined);
      }
      if (trace.type === 'keyframe') {
        events.push({ at, type: 'keyframe-out' });
      } else if (trace.type === 'pli' || trace.type === 'fir') {
        events.push({ at, type: trace.type === 'pli' ? 'pli-from-receiver' : 'fir-from-receiver' });
      }
    });
    void consumer.enableTraceEvent(['rtp', 'keyframe', 'pli', 'fir']).catch(() => undefined);
  }

  private watchProducer(producer: types.Producer): void {
    if (producer.kind !== 'video') return;
    const events: MediaEvent[] = [];
    this.producerEvents.set(producer.id, events);
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    producer.observer.on('trace', (trace) => {
      const at = traceTime(trace);
      const info = trace.info as { ssrc?: number; rtpPacket?: { ssrc: number; rid?: string | Uint8Array | null } } | undefined;
      if (trace.type === 'keyframe' && trace.direction === 'in') {
        const ssrc = info?.rtpPacket?.ssrc;
        const rid = ridText(info?.rtpPacket?.rid);
        if (ssrc !== undefined && rid) this.ssrcRids.set(ssrc, rid);
        events.push({ at, type: 'keyframe-in', ssrc, rid });
      } else if ((trace.type === 'pli' || trace.type === 'fir') && trace.direction === 'out') {
        events.push({ at, type: trace.type === 'pli' ? 'pli-to-sender' : 'fir-to-sender', ssrc: info?.ssrc });
      }
    });
    void producer.enableTraceEvent(['keyframe', 'pli', 'fir']).catch(() => undefined);
  }

  /** Chromium stops sending the RID header once the SFU acknowledged a stream: the producer's stats still name each SSRC's RID. */
  private async learnRids(producerId: string): Promise<void> {
    const producer = this.producers.get(producerId);
    if (!producer || producer.closed) return;
    const stats = await producer.getStats().catch(() => []);
    for (const stream of stats) if (stream.rid) this.ssrcRids.set(stream.ssrc, stream.rid);
  }
}
