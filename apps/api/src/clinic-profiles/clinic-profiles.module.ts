import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { ClinicLogosService } from './clinic-logos.service';
import { ClinicProfileController } from './clinic-profile.controller';
import { ClinicProfilesService } from './clinic-profiles.service';

/** A clinic's profile and logo, kept by its admins; the directory reads the clinic through consultant profiles. */
@Module({
  imports: [StorageModule],
  controllers: [ClinicProfileController],
  providers: [ClinicProfilesService, ClinicLogosService],
  exports: [ClinicProfilesService],
})
export class ClinicProfilesModule {}
