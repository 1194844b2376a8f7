import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsentRouteParams, SetConsentRequest, type ConsentsView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { purposeOfPath } from './consent-purpose';
import { ConsentsService } from './consents.service';

@ApiTags('consents')
@Controller('consultations/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  view(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ConsentsView> {
    return this.consents.view(actor, id);
  }

  /** Appends an answer only when it changes the standing one; answers the consents either way. */
  @Put(':purpose')
  set(
    @CurrentActor() actor: Actor,
    @Param() params: ConsentRouteParams,
    @Body() body: SetConsentRequest,
  ): Promise<ConsentsView> {
    return this.consents.set(actor, params.id, purposeOfPath(params.purpose), body.granted);
  }
}
