import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionEventsGateway } from './session-events.gateway';

@Module({ imports: [AuthModule], providers: [SessionEventsGateway] })
export class SessionEventsModule {}
