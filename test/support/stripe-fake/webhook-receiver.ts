import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';

/** A tiny webhook endpoint: verifies every delivery with the SDK, as the API will, and can fail on purpose. */
export class WebhookReceiver {
  readonly verified: Stripe.Event[] = [];
  readonly raw: Array<{ body: string; signature: string }> = [];
  failNext = 0;
  private server!: Server;

  constructor(
    private readonly stripe: Stripe,
    private readonly secret: string,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = String(request.headers['stripe-signature'] ?? '');
        this.raw.push({ body, signature });
        if (this.failNext > 0) {
          this.failNext -= 1;
          response.writeHead(500).end();
          return;
        }
        try {
          this.verified.push(this.stripe.webhooks.constructEvent(body, signature, this.secret));
          response.writeHead(200).end();
        } catch {
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/stripe`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  ofType(type: string): Stripe.Event[] {
    return this.verified.filter((event) => event.type === type);
  }
}
