import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateConsultationRequest, type ConsultationView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ConsultationsService } from './consultations.service';

/** A consultant, acting in the clinic (X-Clinic-Id), schedules a consultation with a registered owner. */
@ApiTags('consultations')
@Controller('clinics/:clinicId/consultations')
export class ClinicConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Body() body: CreateConsultationRequest): Promise<ConsultationView> {
    return this.consultations.create(actor, clinicId, body);
  }
}
