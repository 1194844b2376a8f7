import { Injectable } from '@nestjs/common';

/**
 * What the payments module tells the rest of the platform, once per webhook event that brought
 * it about (a redelivered or out-of-order event announces nothing new). ownerId is the paying
 * owner, so a listener can act for them under row-level security.
 */
export type PaymentOutcome =
  | { kind: 'payment_succeeded'; bookingId: string; paymentId: string; ownerId: string }
  | { kind: 'payment_failed'; bookingId: string; paymentId: string; ownerId: string; code: string }
  /** amount: what this refund gave back, in minor units (absent from outcomes stored before it was announced). */
  | {
      kind: 'refund_settled';
      bookingId: string;
      paymentId: string;
      refundId: string;
      ownerId: string;
      status: 'succeeded' | 'failed';
      amount?: number;
    };

export type PaymentListener = (outcome: PaymentOutcome) => Promise<void>;

/**
 * Listeners are awaited in turn; a throwing listener fails the webhook (500, so Stripe
 * delivers the event again and every listener hears the outcome again): they must be idempotent.
 */
@Injectable()
export class PaymentEvents {
  private readonly listeners: PaymentListener[] = [];

  /** Returns a function that removes the listener again. */
  subscribe(listener: PaymentListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  async publish(outcome: PaymentOutcome): Promise<void> {
    for (const listener of [...this.listeners]) await listener(outcome);
  }
}
