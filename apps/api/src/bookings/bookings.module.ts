import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ConsentsModule } from '../consents/consents.module';
import { ConsultantsModule } from '../consultants/consultants.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { BookingConfirmation } from './booking-confirmation';
import { BookingHolds } from './booking-holds';
import { PayoutsModule } from '../payouts/payouts.module';
import { BookingSweep } from './booking-sweep';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';

/** Booking a consultant: hold, payment, answer, cancel and reschedule; a confirmed booking becomes a consultation. */
@Module({
  imports: [
    AttachmentsModule,
    ConsentsModule,
    ConsultantsModule,
    ConsultationsModule,
    NotificationsModule,
    PaymentsModule,
    PayoutsModule,
  ],
  controllers: [BookingsController],
  providers: [BookingsService, BookingHolds, BookingConfirmation, BookingSweep],
  exports: [BookingsService, BookingSweep],
})
export class BookingsModule {}
