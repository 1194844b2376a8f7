import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { TurnModule } from '../turn/turn.module';
import { MediaLoopbackGateway } from './media-loopback.gateway';
import { MediaLoopbackService } from './media-loopback.service';

@Module({
  imports: [MediaModule, TurnModule],
  providers: [MediaLoopbackGateway, MediaLoopbackService],
})
export class MediaLoopbackModule {}
