import { PayoutsModule } from '../payouts/payouts.module';
import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { ConsultantPhotosService } from './consultant-photos.service';
import { ConsultantDirectoryService } from './consultant-directory.service';
import { ConsultantProfileController } from './consultant-profile.controller';
import { ConsultantProfilesService } from './consultant-profiles.service';
import { ConsultantPublicationController } from './consultant-publication.controller';
import { ConsultantPublicationService } from './consultant-publication.service';
import { ConsultantSchedules } from './consultant-schedules';
import { ConsultantsController } from './consultants.controller';

/** Consultant profiles, availability, the public directory and slots; ConsultantSchedules is what bookings ask. */
@Module({
  imports: [StorageModule, PayoutsModule],
  controllers: [ConsultantProfileController, ConsultantPublicationController, ConsultantsController],
  providers: [
    ConsultantProfilesService,
    ConsultantPublicationService,
    ConsultantDirectoryService,
    ConsultantPhotosService,
    ConsultantSchedules,
  ],
  exports: [ConsultantSchedules, ConsultantDirectoryService, ConsultantProfilesService, ConsultantPhotosService],
})
export class ConsultantsModule {}
