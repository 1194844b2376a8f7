import { Module } from '@nestjs/common';
import { ClinicApplicationsController } from './clinic-applications.controller';
import { ClinicApplicationsService } from './clinic-applications.service';

/** Clinic onboarding, the applicant's side: apply, and follow the application. */
@Module({
  controllers: [ClinicApplicationsController],
  providers: [ClinicApplicationsService],
  exports: [ClinicApplicationsService],
})
export class ClinicApplicationsModule {}
