import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { MailModule } from '../mail/mail.module';
import { ClinicConsultationsController } from './clinic-consultations.controller';
import { ConsultationEvents } from './consultation-events';
import { ConsultationInvitationMail } from './consultation-invitation-mail';
import { ConsultationInvitationsService } from './consultation-invitations.service';
import { ConsultationRoomAccess } from './consultation-room-access';
import { ConsultationSweep } from './consultation-sweep';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';

/** Consultations over HTTP (on-demand ones as invitations the owner answers), and what the room signaling asks of them (ConsultationRoomAccess, ConsultationEvents). */
@Module({
  imports: [MailModule],
  controllers: [ClinicConsultationsController, ConsultationsController],
  providers: [ConsultationsService, ConsultationInvitationsService, ConsultationInvitationMail, ConsultationRoomAccess, ConsultationEvents, ConsultationSweep, PasswordHasher],
  exports: [ConsultationRoomAccess, ConsultationEvents, ConsultationsService],
})
export class ConsultationsModule {}
