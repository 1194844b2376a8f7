import { Module } from '@nestjs/common';
import { ConsentsModule } from '../../consents/consents.module';
import { RoomsModule } from '../../rooms/rooms.module';
import { StorageModule } from '../../storage/storage.module';
import { RecordingsModule } from '../recordings.module';
import { JournalRecordingSinks } from './journal-recording-sinks';
import { RecordingConnections } from './recording-connections';
import { RecordingFinalizations } from './recording-finalizations';
import { RecorderNode } from './recorder-node';
import { RecordingRecovery } from './recording-recovery';

/** Capture → encrypted journal → final objects and their rows: the recording of a room, end to end. */
@Module({
  imports: [RoomsModule, ConsentsModule, RecordingsModule, StorageModule],
  providers: [JournalRecordingSinks, RecordingConnections, RecordingFinalizations, RecordingRecovery, RecorderNode],
  exports: [RecordingFinalizations],
})
export class RecordingPipelineModule {}
