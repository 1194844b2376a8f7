import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  ConsultantAvailabilityRequest,
  ConsultantProfileRequest,
  TimeOffRequest,
  type ConsultantAvailabilityView,
  type ConsultantOwnProfileView,
  type TimeOffView,
} from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { CurrentActor, type Actor } from '../auth/actor';
import { ConsultantPhotosService } from './consultant-photos.service';
import { ConsultantProfilesService } from './consultant-profiles.service';

/** A consultant, acting in their clinic (X-Clinic-Id), keeps their own profile and calendar. */
@ApiTags('consultants')
@Controller('clinics/:clinicId/consultant-profile')
export class ConsultantProfileController {
  constructor(
    private readonly profiles: ConsultantProfilesService,
    private readonly photos: ConsultantPhotosService,
  ) {}

  @Get()
  get(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ConsultantOwnProfileView> {
    return this.profiles.getProfile(actor, clinicId);
  }

  @Put()
  put(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Body() body: ConsultantProfileRequest): Promise<ConsultantOwnProfileView> {
    return this.profiles.putProfile(actor, clinicId, body);
  }

  @Get('availability')
  availability(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ConsultantAvailabilityView> {
    return this.profiles.getAvailability(actor, clinicId);
  }

  @Put('availability')
  putAvailability(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Body() body: ConsultantAvailabilityRequest): Promise<ConsultantAvailabilityView> {
    return this.profiles.putAvailability(actor, clinicId, body);
  }

  @Post('time-off')
  addTimeOff(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Body() body: TimeOffRequest): Promise<TimeOffView> {
    return this.profiles.addTimeOff(actor, clinicId, body);
  }

  @Delete('time-off/:id')
  @HttpCode(204)
  removeTimeOff(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.profiles.removeTimeOff(actor, clinicId, id);
  }

  /** Streams the multipart body straight into encrypted storage, so it takes the raw request. */
  @Put('photo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } }, description: 'A JPEG, PNG or WebP image of at most 5 MiB.' })
  uploadPhoto(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Req() request: Request): Promise<ConsultantOwnProfileView> {
    return this.photos.upload(actor, clinicId, request);
  }

  @Get('photo')
  photo(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Res() response: Response): Promise<void> {
    return this.photos.sendOwn(actor, clinicId, response);
  }

  @Delete('photo')
  @HttpCode(204)
  removePhoto(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<void> {
    return this.photos.remove(actor, clinicId);
  }
}
