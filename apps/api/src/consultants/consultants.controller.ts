import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsultantDirectoryQuery, ConsultantSlotsQuery, type ConsultantDirectoryPage, type ConsultantPublicView, type ConsultantSlotsView } from '@vetmeet/contracts';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ConsultantPhotosService } from './consultant-photos.service';
import { ConsultantDirectoryService } from './consultant-directory.service';

/** The public directory: anyone, signed in or not, finds published consultants and their free slots. */
@ApiTags('consultants')
@Controller('consultants')
export class ConsultantsController {
  constructor(
    private readonly directory: ConsultantDirectoryService,
    private readonly photos: ConsultantPhotosService,
  ) {}

  @Public()
  @Get()
  list(@Query() query: ConsultantDirectoryQuery): Promise<ConsultantDirectoryPage> {
    return this.directory.directory(query);
  }

  @Public()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ConsultantPublicView> {
    return this.directory.profile(id);
  }

  @Public()
  @Get(':id/slots')
  slots(@Param('id', ParseUUIDPipe) id: string, @Query() query: ConsultantSlotsQuery): Promise<ConsultantSlotsView> {
    return this.directory.slots(id, query);
  }

  @Public()
  @Get(':id/photo')
  photo(@Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    return this.photos.sendPublished(id, response);
  }
}
