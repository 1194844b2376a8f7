import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SaveSsoSettingsRequest, type SsoSettingsView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { SsoSettingsService } from './sso-settings.service';

/** A clinic admin's single sign-on settings; the clinic of the path is the one named in X-Clinic-Id. */
@ApiTags('sso')
@Controller('clinics/:clinicId/sso')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  read(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<SsoSettingsView> {
    return this.settings.read(actor, clinicId);
  }

  @Put()
  save(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: SaveSsoSettingsRequest,
  ): Promise<SsoSettingsView> {
    return this.settings.save(actor, clinicId, body);
  }

  /** Looks for the domain's verification record in DNS now; verified, the domain routes sign-ins here. */
  @Post('domains/:domain/verification')
  @HttpCode(200)
  verifyDomain(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('domain') domain: string,
  ): Promise<SsoSettingsView> {
    return this.settings.verifyDomain(actor, clinicId, domain);
  }

  @Delete()
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<void> {
    return this.settings.remove(actor, clinicId);
  }
}
