import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateInvitationRequest, InvitationTokenRequest, type InvitationPreview, type InvitationView, type MembershipView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { Public } from '../auth/public.decorator';
import { InvitationsService } from './invitations.service';

/**
 * Clinic routes act in the clinic of the path, which the request must also name in
 * X-Clinic-Id (AccessPolicy): outside it NOT_FOUND, as a member without the permission FORBIDDEN.
 */
@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('clinics/:clinicId/invitations')
  @HttpCode(201)
  invite(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Body() body: CreateInvitationRequest): Promise<InvitationView> {
    return this.invitations.invite(actor, clinicId, body);
  }

  @Get('clinics/:clinicId/invitations')
  list(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<InvitationView[]> {
    return this.invitations.listPending(actor, clinicId);
  }

  @Delete('clinics/:clinicId/invitations/:id')
  @HttpCode(204)
  revoke(@CurrentActor() actor: Actor, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.invitations.revoke(actor, clinicId, id);
  }

  /** POST, not GET: the token stays out of URLs and access logs. */
  @Public()
  @Post('invitations/preview')
  @HttpCode(200)
  preview(@Body() body: InvitationTokenRequest): Promise<InvitationPreview> {
    return this.invitations.preview(body.token);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Body() body: InvitationTokenRequest): Promise<MembershipView> {
    return this.invitations.accept(actor, body.token);
  }
}
