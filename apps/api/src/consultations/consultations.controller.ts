import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsultationListQuery, SetRoomPasswordRequest, type ConsultationListPage, type ConsultationView, type PetView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ConsultationInvitationsService } from './consultation-invitations.service';
import { ConsultationsService } from './consultations.service';

@ApiTags('consultations')
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly invitations: ConsultationInvitationsService,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ConsultationListQuery): Promise<ConsultationListPage> {
    return this.consultations.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsultationView> {
    return this.consultations.get(actor, id);
  }

  /** Answers the cancelled consultation: nothing new is created. */
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsultationView> {
    return this.consultations.cancel(actor, id);
  }

  /** The invited owner accepts: the consultant now sees the consultation, the owner's name and the pet's record. */
  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsultationView> {
    return this.invitations.answer(actor, id, 'accept');
  }

  /** The invited owner declines: the consultant never sees anything of it. */
  @Post(':id/decline')
  @HttpCode(200)
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsultationView> {
    return this.invitations.answer(actor, id, 'decline');
  }

  @Put(':id/room-password')
  setRoomPassword(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SetRoomPasswordRequest): Promise<ConsultationView> {
    return this.consultations.setRoomPassword(actor, id, body.password);
  }

  @Delete(':id/room-password')
  clearRoomPassword(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsultationView> {
    return this.consultations.setRoomPassword(actor, id, null);
  }

  @Get(':id/pet')
  pet(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PetView> {
    return this.consultations.petRecord(actor, id);
  }
}
