import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { ClinicConsultationsController } from './clinic-consultations.controller';
import { ConsultationEvents } from './consultation-events';
import { ConsultationRoomAccess } from './consultation-room-access';
import { ConsultationSweep } from './consultation-sweep';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';

/** Consultations over HTTP, and what the room signaling asks of them (ConsultationRoomAccess, ConsultationEvents). */
@Module({
  controllers: [ClinicConsultationsController, ConsultationsController],
  providers: [ConsultationsService, ConsultationRoomAccess, ConsultationEvents, ConsultationSweep, PasswordHasher],
  exports: [ConsultationRoomAccess, ConsultationEvents, ConsultationsService],
})
export class ConsultationsModule {}
