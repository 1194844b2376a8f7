import { Module } from '@nestjs/common';
import { TurnCredentialsService } from './turn-credentials.service';

/**
 * TURN relay credentials for browsers on restrictive networks (TURN_URLS, TURN_SECRET).
 * Needs AppConfig (global); without TURN settings the service hands out no ICE servers.
 */
@Module({
  providers: [TurnCredentialsService],
  exports: [TurnCredentialsService],
})
export class TurnModule {}
