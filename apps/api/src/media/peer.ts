import type { types } from 'mediasoup';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';

/**
 * One participant's media inside a room. The peer owns its transports, and through them
 * its producers and consumers: closing the peer closes them all (mediasoup cascades a
 * transport's close to what it carries).
 */
export class Peer {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  private closed = false;

  constructor(readonly id: string) {}

  addTransport(transport: types.WebRtcTransport): void {
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
  }

  addProducer(producer: types.Producer): void {
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: types.Consumer): void {
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
  }

  transport(id: string): types.WebRtcTransport {
    return found(this.transports.get(id), 'transport');
  }

  consumer(id: string): types.Consumer {
    return found(this.consumers.get(id), 'consumer');
  }

  producer(id: string): types.Producer {
    return found(this.producers.get(id), 'producer');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
  }
}

/** A miss says "not found" whether the id never existed or belongs to someone else. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AppError(ErrorCode.NotFound, `No such ${what}.`);
  return value;
}
