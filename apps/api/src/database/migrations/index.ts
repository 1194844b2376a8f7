import { EnablePostgresExtensions1763900000000 } from './1763900000000-EnablePostgresExtensions';
import { CreateRuntimeRoleAndRequestContext1763900100000 } from './1763900100000-CreateRuntimeRoleAndRequestContext';
import { CreateAccountsClinicsPetsAndAudit1795440216593 } from './1795440216593-CreateAccountsClinicsPetsAndAudit';
import { IsolateTenantsWithRowLevelSecurity1795440216600 } from './1795440216600-IsolateTenantsWithRowLevelSecurity';
import { ChainAuditEvents1795440216700 } from './1795440216700-ChainAuditEvents';
import { AddSessionsAndSignInLockout1795440734374 } from './1795440734374-AddSessionsAndSignInLockout';

import { AddAttachmentsEmailTokensTotpAndInvitations1795441566494 } from './1795441566494-AddAttachmentsEmailTokensTotpAndInvitations';
import { RestrictAttachmentsTokensTotpAndInvitations1795441566594 } from './1795441566594-RestrictAttachmentsTokensTotpAndInvitations';
import { CreateConsultations1795448098689 } from './1795448098689-CreateConsultations';
import { AttributeConsultationAuditEventsToTheirClinic1795448098889 } from './1795448098889-AttributeConsultationAuditEventsToTheirClinic';
import { RestrictConsultationsToTheirParticipants1795448098789 } from './1795448098789-RestrictConsultationsToTheirParticipants';
import { CreateBookings1795454569864 } from './1795454569864-CreateBookings';
import { RestrictBookingsToTheirParticipants1795454569964 } from './1795454569964-RestrictBookingsToTheirParticipants';
import { CreateConsultantProfiles1795456943750 } from './1795456943750-CreateConsultantProfiles';
import { RestrictConsultantProfiles1795456943850 } from './1795456943850-RestrictConsultantProfiles';
import { AddBookingDetails1795457900000 } from './1795457900000-AddBookingDetails';
import { LetBookingParticipantsSeeWhatTheyNeed1795457900100 } from './1795457900100-LetBookingParticipantsSeeWhatTheyNeed';
import { ListRefundsOwed1795464000000 } from './1795464000000-ListRefundsOwed';
import { CreateBookingNotifications1795456972062 } from './1795456972062-CreateBookingNotifications';
import { RestrictBookingNotificationsToTheirBookings1795456972162 } from './1795456972162-RestrictBookingNotificationsToTheirBookings';
import { CreatePayments1795457257960 } from './1795457257960-CreatePayments';
import { RestrictPaymentsToTheirParticipants1795457258060 } from './1795457258060-RestrictPaymentsToTheirParticipants';
import { ShowConsultantsOnlyRequestedBookings1796560000000 } from './1796560000000-ShowConsultantsOnlyRequestedBookings';
import { IndexBookingsByConsultant1796560100000 } from './1796560100000-IndexBookingsByConsultant';
import { SerializeBlockingBookingWrites1796560200000 } from './1796560200000-SerializeBlockingBookingWrites';
import { CreateLocalTestPayments1796600200000 } from './1796600200000-CreateLocalTestPayments';
import {
  RestrictLocalTestPaymentsToTheirOwner1796600200100,
} from './1796600200100-RestrictLocalTestPaymentsToTheirOwner';
import { AddConsultationInvitationStatuses1796600300000 } from './1796600300000-AddConsultationInvitationStatuses';
import { ShareOnDemandConsultationsOnlyOnceAccepted1796600300100 } from './1796600300100-ShareOnDemandConsultationsOnlyOnceAccepted';
import { KeepInvitationsOutOfTheClinicAuditLog1796600300200 } from './1796600300200-KeepInvitationsOutOfTheClinicAuditLog';
import { ShareRateLimitsInPostgres1796600600000 } from './1796600600000-ShareRateLimitsInPostgres';
import { RememberUsedAuthenticatorCodes1796600610000 } from './1796600610000-RememberUsedAuthenticatorCodes';
import { CreateConsultationConsents1796700100000 } from './1796700100000-CreateConsultationConsents';
import { CarryBookingConsentsIntoTheLedger1796700100100 } from './1796700100100-CarryBookingConsentsIntoTheLedger';
import { CreateRecordings1796700400000 } from './1796700400000-CreateRecordings';
import { AttributeRecordingAuditEventsToTheirClinic1796700400100 } from './1796700400100-AttributeRecordingAuditEventsToTheirClinic';
import { RecoverEverySegmentLeftOpen1796700500000 } from './1796700500000-RecoverEverySegmentLeftOpen';
import { RecoverOnlyWhatDeadNodesLeft1796700700000 } from './1796700700000-RecoverOnlyWhatDeadNodesLeft';
import { ConnectClinicPaymentAccounts1796800300000 } from './1796800300000-ConnectClinicPaymentAccounts';
import { CreateClinicSsoProviders1796800400000 } from './1796800400000-CreateClinicSsoProviders';
import { AddClinicProfiles1796800200000 } from './1796800200000-AddClinicProfiles';
import { OnboardClinicsThroughPlatformOperators1796800100000 } from './1796800100000-OnboardClinicsThroughPlatformOperators';
import { VerifyClinicSsoDomains1796800450000 } from './1796800450000-VerifyClinicSsoDomains';
import { KeepClinicSsoSettingsToAdmins1796800470000 } from './1796800470000-KeepClinicSsoSettingsToAdmins';
import { GrantOperatorOnlyToConfirmedAddresses1796800480000 } from './1796800480000-GrantOperatorOnlyToConfirmedAddresses';
import { RefuseConsultationsOfUnapprovedClinics1796800150000 } from './1796800150000-RefuseConsultationsOfUnapprovedClinics';
import { CancelSuspendedClinicsBookingsInTheBackground1796800160000 } from './1796800160000-CancelSuspendedClinicsBookingsInTheBackground';
import { NoticeOwnersOfSuspendedClinicsBookings1796800170000 } from './1796800170000-NoticeOwnersOfSuspendedClinicsBookings';
/** Every migration, oldest first. A migration is added here when it is generated. */
export const migrations = [
  EnablePostgresExtensions1763900000000,
  CreateRuntimeRoleAndRequestContext1763900100000,
  CreateAccountsClinicsPetsAndAudit1795440216593,
  IsolateTenantsWithRowLevelSecurity1795440216600,
  ChainAuditEvents1795440216700,
  AddSessionsAndSignInLockout1795440734374,
  AddAttachmentsEmailTokensTotpAndInvitations1795441566494,
  RestrictAttachmentsTokensTotpAndInvitations1795441566594,
  CreateConsultations1795448098689,
  RestrictConsultationsToTheirParticipants1795448098789,
  AttributeConsultationAuditEventsToTheirClinic1795448098889,
  CreateBookings1795454569864,
  RestrictBookingsToTheirParticipants1795454569964,
  // Before AddBookingDetails: TypeORM runs migrations in timestamp order.
  CreateConsultantProfiles1795456943750,
  RestrictConsultantProfiles1795456943850,
  CreateBookingNotifications1795456972062,
  RestrictBookingNotificationsToTheirBookings1795456972162,
  CreatePayments1795457257960,
  RestrictPaymentsToTheirParticipants1795457258060,
  AddBookingDetails1795457900000,
  LetBookingParticipantsSeeWhatTheyNeed1795457900100,
  ListRefundsOwed1795464000000,
  ShowConsultantsOnlyRequestedBookings1796560000000,
  IndexBookingsByConsultant1796560100000,
  SerializeBlockingBookingWrites1796560200000,
  CreateLocalTestPayments1796600200000,
  RestrictLocalTestPaymentsToTheirOwner1796600200100,
  AddConsultationInvitationStatuses1796600300000,
  ShareOnDemandConsultationsOnlyOnceAccepted1796600300100,
  KeepInvitationsOutOfTheClinicAuditLog1796600300200,
  ShareRateLimitsInPostgres1796600600000,
  RememberUsedAuthenticatorCodes1796600610000,
  CreateConsultationConsents1796700100000,
  CarryBookingConsentsIntoTheLedger1796700100100,
  CreateRecordings1796700400000,
  AttributeRecordingAuditEventsToTheirClinic1796700400100,
  RecoverEverySegmentLeftOpen1796700500000,
  RecoverOnlyWhatDeadNodesLeft1796700700000,
  OnboardClinicsThroughPlatformOperators1796800100000,
  RefuseConsultationsOfUnapprovedClinics1796800150000,
  CancelSuspendedClinicsBookingsInTheBackground1796800160000,
  NoticeOwnersOfSuspendedClinicsBookings1796800170000,
  AddClinicProfiles1796800200000,
  ConnectClinicPaymentAccounts1796800300000,
  CreateClinicSsoProviders1796800400000,
  VerifyClinicSsoDomains1796800450000,
  KeepClinicSsoSettingsToAdmins1796800470000,
  GrantOperatorOnlyToConfirmedAddresses1796800480000,
];
