import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { ClinicRecordingsService } from './clinic-recordings.service';
import { RecordingListsController } from './recording-lists.controller';
import { RecordingMediaService } from './recording-media.service';
import { RecordingReviewsService } from './recording-reviews.service';
import { RecordingWriter } from './recording-writer';
import { RecordingsController } from './recordings.controller';
import { RecordingsRepository } from './recordings.repository';
import { RecordingsService } from './recordings.service';
import { ReviewWatch } from './review-watch';

/** Recordings: the recorder's writer (RecordingWriter, for capture and journal), playback, support review, listings. */
@Module({
  imports: [StorageModule],
  controllers: [RecordingsController, RecordingListsController],
  providers: [
    RecordingsRepository,
    RecordingWriter,
    RecordingsService,
    RecordingMediaService,
    RecordingReviewsService,
    ClinicRecordingsService,
    ReviewWatch,
  ],
  exports: [RecordingWriter],
})
export class RecordingsModule {}
