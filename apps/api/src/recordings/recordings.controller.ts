import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OpenReviewRequest, RecordingMediaQuery, type RecordingView, type ReviewGrantView } from '@vetmeet/contracts';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '../auth/actor';
import { RecordingMediaService } from './recording-media.service';
import { RecordingReviewsService } from './recording-reviews.service';
import { RecordingsService } from './recordings.service';

/** One recording: to its participants, or to support staff under an active review grant. */
@ApiTags('recordings')
@Controller('recordings/:id')
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly media: RecordingMediaService,
    private readonly reviews: RecordingReviewsService,
  ) {}

  @Get()
  one(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RecordingView> {
    return this.recordings.one(actor, id);
  }

  /** The segment's decrypted WebM, with HTTP Range. */
  @Get('segments/:segmentId/media')
  segmentMedia(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Query() query: RecordingMediaQuery,
    @Headers('range') range: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.media.stream(actor, { recordingId: id, segmentId, clinicId: query.clinicId }, range, response);
  }

  /** Support staff open a time-limited review, with their reason. */
  @Post('reviews')
  openReview(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OpenReviewRequest,
  ): Promise<ReviewGrantView> {
    return this.reviews.open(actor, id, body.reason);
  }
}
