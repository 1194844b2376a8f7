import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateConsultationRequest, type ConsultationInvitationSent } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ConsultationInvitationsService } from './consultation-invitations.service';

/**
 * A consultant, acting in the clinic (X-Clinic-Id), invites a registered owner to an on-demand
 * consultation: 202 and the same body whether or not that owner has that pet.
 */
@ApiTags('consultations')
@Controller('clinics/:clinicId/consultations')
export class ClinicConsultationsController {
  constructor(private readonly invitations: ConsultationInvitationsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  invite(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: CreateConsultationRequest,
  ): Promise<ConsultationInvitationSent> {
    return this.invitations.invite(actor, clinicId, body);
  }
}
