import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ClinicDecisionReasonRequest,
  OperatorClinicListQuery,
  type OperatorClinicView,
  type ClinicDecisionView,
  type OperatorClinicPage,
} from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { PlatformOperatorRoute } from '../auth/public.decorator';
import { ClinicOperatorService } from './clinic-operator.service';

/** The operator console's clinics and applications: platform operators only (PLATFORM_OPERATOR_REQUIRED). */
@ApiTags('operator')
@PlatformOperatorRoute()
@Controller('operator/clinics')
export class OperatorClinicsController {
  constructor(private readonly clinics: ClinicOperatorService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: OperatorClinicListQuery): Promise<OperatorClinicPage> {
    return this.clinics.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OperatorClinicView> {
    return this.clinics.get(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClinicDecisionView> {
    return this.clinics.approve(actor, id);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  refuse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ClinicDecisionReasonRequest,
  ): Promise<ClinicDecisionView> {
    return this.clinics.refuse(actor, id, body.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ClinicDecisionReasonRequest,
  ): Promise<ClinicDecisionView> {
    return this.clinics.suspend(actor, id, body.reason);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  reinstate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ClinicDecisionReasonRequest,
  ): Promise<ClinicDecisionView> {
    return this.clinics.reinstate(actor, id, body.reason);
  }
}
