import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsultantPublicationRequest, type ConsultantPublicationView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ConsultantPublicationService } from './consultant-publication.service';

/** A consultant, acting in their clinic (X-Clinic-Id), publishes profile, hours and Published with one save. */
@ApiTags('consultants')
@Controller('clinics/:clinicId/consultant-publication')
export class ConsultantPublicationController {
  constructor(private readonly publication: ConsultantPublicationService) {}

  @Get()
  get(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
  ): Promise<ConsultantPublicationView> {
    return this.publication.get(actor, clinicId);
  }

  @Put()
  put(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: ConsultantPublicationRequest,
  ): Promise<ConsultantPublicationView> {
    return this.publication.put(actor, clinicId, body);
  }
}
