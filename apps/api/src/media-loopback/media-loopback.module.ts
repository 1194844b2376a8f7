import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { MediaLoopbackGateway } from './media-loopback.gateway';
import { MediaLoopbackService } from './media-loopback.service';

@Module({
  imports: [MediaModule],
  providers: [MediaLoopbackGateway, MediaLoopbackService],
})
export class MediaLoopbackModule {}
