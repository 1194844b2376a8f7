import { EmailToken } from '../accounts/email-token.entity';
import { RecoveryCode } from '../accounts/recovery-code.entity';
import { User } from '../accounts/user.entity';
import { PetAttachment } from '../attachments/pet-attachment.entity';
import { Invitation } from '../invitations/invitation.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { ClinicMembership } from '../clinics/clinic-membership.entity';
import { Clinic } from '../clinics/clinic.entity';
import { Pet } from '../pets/pet.entity';
import { Session } from '../sessions/session.entity';
import { Consultation } from '../consultations/consultation.entity';
import { Booking } from '../bookings/booking.entity';
import { ConsultationChatKey } from '../consultation-chat/consultation-chat-key.entity';
import { ConsultationFile } from '../consultation-chat/consultation-file.entity';
import { ConsultationMessage } from '../consultation-chat/consultation-message.entity';
import { BookingNotification } from '../notifications/booking-notification.entity';
import { ConsultantProfile } from '../consultants/consultant-profile.entity';
import { ConsultantTimeOff } from '../consultants/consultant-time-off.entity';
import { Payment } from '../payments/payment.entity';
import { PaymentWebhookEvent } from '../payments/payment-webhook-event.entity';
import { Refund } from '../payments/refund.entity';
import { LocalTestPaymentIntent } from '../payments/local-test-payment-intent.entity';
import { LocalTestRefund } from '../payments/local-test-refund.entity';

/** Every entity, for the data sources and the migration generator. */
export const entities = [
  Clinic, ClinicMembership, Invitation, User, EmailToken, RecoveryCode, Session, Pet, PetAttachment, AuditEvent,
  Consultation, ConsultationChatKey, ConsultationFile, ConsultationMessage, Booking, ConsultantProfile,
  ConsultantTimeOff, BookingNotification, Payment, Refund, PaymentWebhookEvent, LocalTestPaymentIntent, LocalTestRefund,
];
