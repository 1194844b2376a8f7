import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ATTACHMENT_KINDS, type AttachmentView } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { CurrentActor, type Actor } from '../auth/actor';
import { AttachmentsService } from './attachments.service';

@ApiTags('attachments')
@Controller('pets/:petId/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Param('petId', ParseUUIDPipe) petId: string): Promise<AttachmentView[]> {
    return this.attachments.list(actor, petId);
  }

  /** Streams the multipart body straight into encrypted storage, so it takes the raw request. */
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: { kind: { type: 'string', enum: [...ATTACHMENT_KINDS] }, file: { type: 'string', format: 'binary' } },
    },
    description: 'kind must come before file in the form.',
  })
  upload(@CurrentActor() actor: Actor, @Param('petId', ParseUUIDPipe) petId: string, @Req() request: Request): Promise<AttachmentView> {
    return this.attachments.upload(actor, petId, request);
  }

  @Get(':id/content')
  content(
    @CurrentActor() actor: Actor,
    @Param('petId', ParseUUIDPipe) petId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.attachments.download(actor, petId, id, range, response);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('petId', ParseUUIDPipe) petId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.attachments.remove(actor, petId, id);
  }
}
