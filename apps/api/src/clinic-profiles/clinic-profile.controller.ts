import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ClinicProfileRequest, type ClinicProfileView } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { CurrentActor, type Actor } from '../auth/actor';
import { Public } from '../auth/public.decorator';
import { ClinicLogosService } from './clinic-logos.service';
import { ClinicProfilesService } from './clinic-profiles.service';

/**
 * A clinic's profile, kept by its admins acting in it (X-Clinic-Id); its logo is public while
 * the directory shows it.
 */
const LOGO_SCHEMA = { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } };

@ApiTags('clinics')
@Controller('clinics/:clinicId')
export class ClinicProfileController {
  constructor(
    private readonly profiles: ClinicProfilesService,
    private readonly logos: ClinicLogosService,
  ) {}

  @Get('profile')
  get(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ClinicProfileView> {
    return this.profiles.get(actor, clinicId);
  }

  @Put('profile')
  put(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: ClinicProfileRequest,
  ): Promise<ClinicProfileView> {
    return this.profiles.put(actor, clinicId, body);
  }

  /** Streams the multipart body straight into encrypted storage, so it takes the raw request. */
  @Put('profile/logo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: LOGO_SCHEMA, description: 'A JPEG, PNG or WebP image of at most 1 MiB.' })
  uploadLogo(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Req() request: Request,
  ): Promise<ClinicProfileView> {
    return this.logos.upload(actor, clinicId, request);
  }

  @Get('profile/logo')
  staffLogo(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Res() response: Response,
  ): Promise<void> {
    return this.logos.sendToStaff(actor, clinicId, response);
  }

  @Delete('profile/logo')
  @HttpCode(204)
  removeLogo(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<void> {
    return this.logos.remove(actor, clinicId);
  }

  @Public()
  @Get('logo')
  publicLogo(@Param('clinicId', ParseUUIDPipe) clinicId: string, @Res() response: Response): Promise<void> {
    return this.logos.sendPublic(clinicId, response);
  }
}
