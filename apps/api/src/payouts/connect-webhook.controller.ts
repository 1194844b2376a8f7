import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { ConnectWebhooks } from './connect-webhooks';

/** Stripe's Connect endpoint (events on clinics' accounts): public, trusted only once its own signature checks out. */
@Public()
@Controller('payments/stripe')
export class ConnectWebhookController {
  constructor(private readonly webhooks: ConnectWebhooks) {}

  @Post('connect-webhook')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true; outcome: string }> {
    return this.webhooks.receive(request.rawBody, signature);
  }
}
