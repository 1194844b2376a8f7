import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { ChatKeys } from './chat-keys';
import { ConsultationChatController } from './consultation-chat.controller';
import { ConsultationChatService } from './consultation-chat.service';
import { ConsultationFilesService } from './consultation-files.service';

/** A consultation's chat and shared files; the room signaling uses ConsultationChatService. */
@Module({
  imports: [StorageModule],
  controllers: [ConsultationChatController],
  providers: [ConsultationChatService, ConsultationFilesService, ChatKeys],
  exports: [ConsultationChatService],
})
export class ConsultationChatModule {}
