import { Module } from '@nestjs/common';
import { ConsentEvents } from './consent-events';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

/** The consent ledger over HTTP, and for the room and bookings (ConsentsService, ConsentEvents). */
@Module({
  controllers: [ConsentsController],
  providers: [ConsentsService, ConsentEvents],
  exports: [ConsentsService, ConsentEvents],
})
export class ConsentsModule {}
