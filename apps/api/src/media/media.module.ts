import { Module } from '@nestjs/common';
import { MediaWorkerPool } from './media-worker-pool';

@Module({
  providers: [MediaWorkerPool],
  exports: [MediaWorkerPool],
})
export class MediaModule {}
