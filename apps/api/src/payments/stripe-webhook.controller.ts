import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { StripeWebhooks } from './stripe-webhooks';

/** Stripe's deliveries: public (Stripe has no session), trusted only once the signature over the raw body checks out. */
@Public()
@Controller('payments/stripe')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhooks) {}

  @Post('webhook')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  receive(@Req() request: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string | undefined): Promise<{ received: true; outcome: string }> {
    return this.webhooks.receive(request.rawBody, signature);
  }
}
