import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConsultationChatModule } from '../consultation-chat/consultation-chat.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { MediaModule } from '../media/media.module';
import { RecordingPorts } from '../recordings/capture/recording-ports';
import { TurnModule } from '../turn/turn.module';
import { ConsultationRoomGateway } from './consultation-room.gateway';
import { RoomDirectory } from './room-directory';
import { RoomRecordingControls } from './room-recording-controls';
import { RoomSignalingService } from './room-signaling.service';

@Module({
  imports: [MediaModule, ConsultationsModule, ConsultationChatModule, TurnModule, AuthModule],
  providers: [ConsultationRoomGateway, RoomDirectory, RoomSignalingService, RoomRecordingControls, RecordingPorts],
  // The consent ledger and the recording journal connect themselves to the capture through RecordingPorts.
  exports: [RecordingPorts],
})
export class RoomsModule {}
