import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { ChatMessageView } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { CurrentActor, type Actor } from '../auth/actor';
import { ConsultationChatService } from './consultation-chat.service';
import { ConsultationFilesService } from './consultation-files.service';

@ApiTags('consultations')
@Controller('consultations/:id')
export class ConsultationChatController {
  constructor(
    private readonly chat: ConsultationChatService,
    private readonly files: ConsultationFilesService,
  ) {}

  @Get('messages')
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ChatMessageView[]> {
    return this.chat.history(actor, id);
  }

  /** Streams the multipart body straight into encrypted storage, so it takes the raw request. */
  @Post('files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { clientMessageId: { type: 'string', format: 'uuid' }, file: { type: 'string', format: 'binary' } } },
    description: 'clientMessageId, if sent, must come before file.',
  })
  share(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() request: Request): Promise<ChatMessageView> {
    return this.files.upload(actor, id, request);
  }

  @Get('files/:fileId')
  download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Headers('range') range: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.files.download(actor, id, fileId, range, response);
  }
}
