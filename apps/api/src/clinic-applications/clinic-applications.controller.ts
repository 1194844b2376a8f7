import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClinicApplicationRequest, type ClinicApplicationView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ClinicApplicationsService } from './clinic-applications.service';

/** Any signed-in account with a verified address applies; each sees only their own applications. */
@ApiTags('clinic-applications')
@Controller('clinic-applications')
export class ClinicApplicationsController {
  constructor(private readonly applications: ClinicApplicationsService) {}

  @Post()
  @HttpCode(201)
  apply(@CurrentActor() actor: Actor, @Body() body: ClinicApplicationRequest): Promise<ClinicApplicationView> {
    return this.applications.apply(actor, body);
  }

  @Get('mine')
  mine(@CurrentActor() actor: Actor): Promise<ClinicApplicationView[]> {
    return this.applications.mine(actor);
  }
}
