import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { BookingNotifications } from './booking-notifications';
import { NotificationSender } from './notification-sender';

/**
 * Booking emails: `BookingNotifications` writes notices and reminders into the outbox inside
 * the booking's own transaction; `NotificationSender` sends them when due, once. Needs
 * AppConfig, DatabaseContext and MetricsService (global).
 */
@Module({
  imports: [MailModule],
  providers: [BookingNotifications, NotificationSender],
  exports: [BookingNotifications, NotificationSender],
})
export class NotificationsModule {}
