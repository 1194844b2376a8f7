import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClinicRecordingSummaryView, RecordingView, ReviewableRecordingView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ClinicRecordingsService } from './clinic-recordings.service';
import { RecordingReviewsService } from './recording-reviews.service';
import { RecordingsService } from './recordings.service';

/** The lists of recordings each kind of person may see: participants, clinic admins, support staff. */
@ApiTags('recordings')
@Controller()
export class RecordingListsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly clinicRecordings: ClinicRecordingsService,
    private readonly reviews: RecordingReviewsService,
  ) {}

  @Get('consultations/:id/recordings')
  ofConsultation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RecordingView[]> {
    return this.recordings.forConsultation(actor, id);
  }

  /** Metadata only: size, dates, retention. */
  @Get('clinics/:clinicId/recordings')
  ofClinic(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
  ): Promise<ClinicRecordingSummaryView[]> {
    return this.clinicRecordings.list(actor, clinicId);
  }

  @Get('support/recordings')
  reviewable(@CurrentActor() actor: Actor): Promise<ReviewableRecordingView[]> {
    return this.reviews.reviewable(actor);
  }
}
