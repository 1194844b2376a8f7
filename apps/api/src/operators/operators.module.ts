import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { MailModule } from '../mail/mail.module';
import { PaymentsModule } from '../payments/payments.module';
import { ClinicOperatorService } from './clinic-operator.service';
import { ClinicSuspension } from './clinic-suspension';
import { OperatorClinicsController } from './operator-clinics.controller';
import { OperatorsController } from './operators.controller';
import { OperatorsService } from './operators.service';

/** The platform operator: clinics and applications, their approval, suspension and reinstatement, and who operates. */
@Module({
  imports: [BookingsModule, PaymentsModule, MailModule],
  controllers: [OperatorClinicsController, OperatorsController],
  providers: [OperatorsService, ClinicOperatorService, ClinicSuspension],
  exports: [OperatorsService, ClinicOperatorService],
})
export class OperatorsModule {}
