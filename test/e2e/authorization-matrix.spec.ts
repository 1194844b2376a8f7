import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { withSchemaOwnerOperators } from '../../apps/api/src/operators/schema-owner-operators';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { recordConsent, recordConsultation } from '../support/recordings';
import {
  asSchemaOwner,
  insertScheduledConsultation,
  invite,
  inviteAndAccept,
  markEmailVerified,
  newestInvitationOf,
  type InvitingPair,
} from '../support/consultations';
import { startMailTestApp } from '../support/mail-test-app';
import type { SmtpCapture } from '../support/smtp-capture';
import type { TestApp } from '../support/test-app';

type Role = 'anonymous' | 'owner' | 'consultant' | 'support' | 'clinic_admin' | 'other_clinic_admin';
const ROLES: Role[] = ['anonymous', 'owner', 'consultant', 'support', 'clinic_admin', 'other_clinic_admin'];
/**
 * A platform operator acts in no clinic (it sends no X-Clinic-Id): on a row that does not say
 * otherwise it is expected to get what an admin of another clinic gets, a stranger's answer.
 */
type MatrixRole = Role | 'operator';
const MATRIX_ROLES: MatrixRole[] = [...ROLES, 'operator'];
/**
 * Recording endpoints are tried by more kinds of person: another owner and another consultant of
 * clinic A, and support staff of clinic A in every state of a review. "support" has the owner's
 * support_review consent but no grant; "support_withdrawn" had a grant on a recording whose owner
 * then withdrew that consent.
 */
type RecordingRole =
  | Role
  | 'other_owner'
  | 'other_consultant'
  | 'support_granted'
  | 'support_expired'
  | 'support_withdrawn';
const RECORDING_ROLES: RecordingRole[] = [
  ...ROLES,
  'other_owner',
  'other_consultant',
  'support_granted',
  'support_expired',
  'support_withdrawn',
];

interface Fixture {
  clinicA: string;
  clinicB: string;
  ownersPet: string;
  /** A fresh pending invitation of clinic A for each DELETE attempt. */
  invitationOfA: () => Promise<string>;
  /** A consultation in clinic A between the owner and the consultant. */
  consultation: string;
  /** A fresh one for each attempt that changes it (cancel), written as the schema owner (invitations are rate limited). */
  freshConsultation: () => Promise<string>;
  /** An invitation of the consultant to the owner that nobody answered yet: a new one once the last was answered. */
  openInvitation: () => Promise<string>;
  /** The consultant of clinic A, whose profile is published. */
  consultantId: string;
  /** A fresh time off of that consultant for each DELETE attempt. */
  freshTimeOff: () => Promise<string>;
  /** The owner's booking with that consultant, paid (local test payments), awaiting acceptance. */
  paidBooking: string;
  /** Fresh ones for each attempt that changes them: held (unpaid), paid, confirmed. */
  freshBooking: (stage: 'held' | 'paid' | 'confirmed') => Promise<string>;
  /** A recording of `consultation` (support_review consent standing) and one of its segments. */
  recording: { id: string; segmentId: string };
  /** A recording whose owner withdrew support_review consent after support_withdrawn opened a review. */
  withdrawnRecording: { id: string; segmentId: string };
  /** A fresh recording of `consultation` for each attempt to open a review. */
  freshRecording: () => Promise<string>;
  /** A new logo of clinic A, uploaded by its admin, before each attempt that reads or removes it. */
  freshLogo: () => Promise<void>;
  /** Clinic onboarding: a fresh clinic in each status, for each operator decision. */
  freshClinic: (status: 'pending' | 'approved' | 'suspended') => Promise<string>;
  /** A fresh account for each grant, and a fresh operator for each revocation. */
  freshAccountEmail: () => Promise<string>;
  freshOperator: () => Promise<string>;
}

interface Row {
  endpoint: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: (fixture: Fixture) => string | Promise<string>;
  body?: Record<string, unknown>;
  /** Expected HTTP status per role; staff act in their clinic (X-Clinic-Id), the owner in none. */
  expect: Record<Role, number> & { operator?: number };
}

const everyoneSignedIn = (status: number): Record<Role, number> => ({
  anonymous: 401,
  owner: status,
  consultant: status,
  support: status,
  clinic_admin: status,
  other_clinic_admin: status,
});

/**
 * Every non-public endpoint against every kind of person. Staff send X-Clinic-Id of their
 * own clinic; "other_clinic_admin" is an admin of clinic B acting in B and reaching for
 * clinic A's things. The matrix is written to test-results/authorization-matrix.md.
 */
const participantsOnly = (status: number): Record<Role, number> => ({ ...everyoneSignedIn(404), owner: status, consultant: status });

/** A consultant's own profile and calendar: the consultant of clinic A only. */
const consultantOfA = (status: number): Record<Role, number> => ({ anonymous: 401, owner: 404, consultant: status, support: 403, clinic_admin: 403, other_clinic_admin: 404 });
const CONSULTANT_PROFILE = {
  displayName: 'Dr. Matrix',
  specialties: ['surgery'],
  species: ['dog'],
  languages: ['en'],
  bio: '',
  timeZone: 'UTC',
  priceCurrency: 'EUR',
  offerings: [{ durationMinutes: 30, priceAmount: 3000 }],
  autoAccept: false,
  published: true,
};
const CONSULTANT_AVAILABILITY = {
  weeklyRules: [{ weekday: 'monday', start: '09:00', end: '17:00' }],
  dateOverrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  horizonDays: 60,
  dailyLimit: null,
  stepMinutes: null,
};

/** The clinic's profile: its admins only; other staff of A are forbidden, outsiders find nothing. */
const clinicAdminOfA = (status: number): Record<Role, number> => ({ anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: status, other_clinic_admin: 404 });
const CLINIC_PROFILE = {
  name: 'Clinic A',
  address: { lines: ['1 Matrix Street'], city: 'Matrix', postcode: '10000', country: 'DE' },
  defaultCurrency: 'EUR',
  timeZone: 'Europe/Berlin',
  directory: { showLogo: true, address: 'city' },
};
/** The operator console: platform operators only, whatever clinic a person works in. */
const operatorOnly = (status: number) => ({ ...everyoneSignedIn(403), operator: status });
const APPLICATION = {
  name: 'Matrix Vets',
  legalEntity: 'Matrix Vets LLC',
  country: 'UA',
  timeZone: 'Europe/Kyiv',
  contactName: 'Ann',
  contactEmail: 'ann@example.test',
};
const REASON = { reason: 'Checked by the matrix' };

const MATRIX: Row[] = [
  // Clinic onboarding: a verified account applies (the owner and the operator are verified here; staff are not).
  {
    endpoint: 'POST /api/clinic-applications',
    method: 'post',
    path: () => '/api/clinic-applications',
    body: APPLICATION,
    expect: { ...everyoneSignedIn(403), owner: 201, operator: 201 },
  },
  {
    endpoint: 'GET /api/clinic-applications/mine',
    method: 'get',
    path: () => '/api/clinic-applications/mine',
    expect: { ...everyoneSignedIn(200), operator: 200 },
  },
  {
    endpoint: 'GET /api/operator/clinics',
    method: 'get',
    path: () => '/api/operator/clinics?status=pending',
    expect: operatorOnly(200),
  },
  {
    endpoint: 'GET /api/operator/clinics/:A',
    method: 'get',
    path: (f) => `/api/operator/clinics/${f.clinicA}`,
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /api/operator/clinics/:id/approve',
    method: 'post',
    path: (f) => f.freshClinic('pending').then((id) => `/api/operator/clinics/${id}/approve`),
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /api/operator/clinics/:id/refuse',
    method: 'post',
    path: (f) => f.freshClinic('pending').then((id) => `/api/operator/clinics/${id}/refuse`),
    body: REASON,
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /api/operator/clinics/:id/suspend',
    method: 'post',
    path: (f) => f.freshClinic('approved').then((id) => `/api/operator/clinics/${id}/suspend`),
    body: REASON,
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /api/operator/clinics/:id/reinstate',
    method: 'post',
    path: (f) => f.freshClinic('suspended').then((id) => `/api/operator/clinics/${id}/reinstate`),
    body: REASON,
    expect: operatorOnly(200),
  },
  {
    endpoint: 'GET /api/operator/operators',
    method: 'get',
    path: () => '/api/operator/operators',
    expect: operatorOnly(200),
  },
  {
    endpoint: 'POST /api/operator/operators',
    method: 'post',
    path: () => '/api/operator/operators',
    body: { email: 'granted-by-matrix@example.test' },
    expect: operatorOnly(200),
  },
  {
    endpoint: 'DELETE /api/operator/operators/:userId',
    method: 'delete',
    path: (f) => f.freshOperator().then((id) => `/api/operator/operators/${id}`),
    expect: operatorOnly(204),
  },
  { endpoint: 'GET /api/accounts/me', method: 'get', path: () => '/api/accounts/me', expect: everyoneSignedIn(200) },
  // Signed out is a state the page asks about on every load: { signedIn: false }, not a 401.
  {
    endpoint: 'GET /api/auth/session',
    method: 'get',
    path: () => '/api/auth/session',
    expect: { ...everyoneSignedIn(200), anonymous: 200 },
  },
  { endpoint: 'GET /api/auth/sessions', method: 'get', path: () => '/api/auth/sessions', expect: everyoneSignedIn(200) },
  { endpoint: 'GET /api/pets', method: 'get', path: () => '/api/pets', expect: everyoneSignedIn(200) },
  { endpoint: "GET /api/pets/:id (the owner's pet)", method: 'get', path: (f) => `/api/pets/${f.ownersPet}`, expect: { ...everyoneSignedIn(404), owner: 200 } },
  { endpoint: "PATCH /api/pets/:id (the owner's pet)", method: 'patch', path: (f) => `/api/pets/${f.ownersPet}`, body: { weightKg: 9 }, expect: { ...everyoneSignedIn(404), owner: 200 } },
  {
    endpoint: "GET /api/pets/:id/attachments (the owner's pet)",
    method: 'get',
    path: (f) => `/api/pets/${f.ownersPet}/attachments`,
    expect: { ...everyoneSignedIn(404), owner: 200 },
  },
  { endpoint: 'POST /api/accounts/verify-email/resend', method: 'post', path: () => '/api/accounts/verify-email/resend', expect: everyoneSignedIn(202) },
  {
    endpoint: 'POST /api/clinics/:A/invitations',
    method: 'post',
    path: (f) => `/api/clinics/${f.clinicA}/invitations`,
    body: { email: 'new.vet@example.test', role: 'consultant' },
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 201, other_clinic_admin: 404 },
  },
  { endpoint: 'GET /api/clinics/:A/invitations', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/invitations`, expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 200, other_clinic_admin: 404 } },
  {
    endpoint: 'DELETE /api/clinics/:A/invitations/:id',
    method: 'delete',
    path: async (f) => `/api/clinics/${f.clinicA}/invitations/${await f.invitationOfA()}`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 204, other_clinic_admin: 404 },
  },
  // Single sign-on settings: clinic admins of A only. The PUT names an issuer nothing answers on, so
  // the admin, past the access check, is refused by discovery (422) and nothing is kept.
  {
    endpoint: 'GET /api/clinics/:A/sso',
    method: 'get',
    path: (f) => `/api/clinics/${f.clinicA}/sso`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 200, other_clinic_admin: 404 },
  },
  {
    endpoint: 'PUT /api/clinics/:A/sso',
    method: 'put',
    path: (f) => `/api/clinics/${f.clinicA}/sso`,
    body: {
      issuer: 'http://127.0.0.1:9',
      clientId: 'matrix',
      clientSecret: 'matrix-secret',
      domains: ['matrix-clinic.test'],
      justInTimeMembership: false,
      justInTimeRole: 'consultant',
    },
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 422, other_clinic_admin: 404 },
  },
  // Past the access check, the admin is told the clinic claims no such domain (nothing is configured).
  {
    endpoint: 'POST /api/clinics/:A/sso/domains/:domain/verification',
    method: 'post',
    path: (f) => `/api/clinics/${f.clinicA}/sso/domains/matrix-clinic.test/verification`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 404, other_clinic_admin: 404 },
  },
  {
    endpoint: 'DELETE /api/clinics/:A/sso',
    method: 'delete',
    path: (f) => `/api/clinics/${f.clinicA}/sso`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 204, other_clinic_admin: 404 },
  },
  { endpoint: 'GET /api/clinics/:A/audit-events', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/audit-events`, expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 200, other_clinic_admin: 404 } },
  {
    endpoint: 'POST /api/clinics/:A/consultations',
    method: 'post',
    path: (f) => `/api/clinics/${f.clinicA}/consultations`,
    body: { ownerEmail: 'nobody@example.test', petName: 'Rex', durationMinutes: 30 },
    // The consultant gets past access and the one answer, whether or not such an owner and pet exist.
    expect: { anonymous: 401, owner: 404, consultant: 202, support: 403, clinic_admin: 403, other_clinic_admin: 404 },
  },
  // Only the invited owner answers; the consultant does not even see the invitation.
  { endpoint: 'POST /api/consultations/:id/accept', method: 'post', path: (f) => f.openInvitation().then((id) => `/api/consultations/${id}/accept`), expect: { ...everyoneSignedIn(404), owner: 200 } },
  { endpoint: 'POST /api/consultations/:id/decline', method: 'post', path: (f) => f.openInvitation().then((id) => `/api/consultations/${id}/decline`), expect: { ...everyoneSignedIn(404), owner: 200 } },
  { endpoint: 'GET /api/consultations', method: 'get', path: () => '/api/consultations?period=upcoming', expect: everyoneSignedIn(200) },
  { endpoint: 'GET /api/consultations/:id', method: 'get', path: (f) => `/api/consultations/${f.consultation}`, expect: participantsOnly(200) },
  { endpoint: 'GET /api/consultations/:id/pet', method: 'get', path: (f) => `/api/consultations/${f.consultation}/pet`, expect: participantsOnly(200) },
  { endpoint: 'GET /api/consultations/:id/messages', method: 'get', path: (f) => `/api/consultations/${f.consultation}/messages`, expect: participantsOnly(200) },
  {
    endpoint: 'PUT /api/consultations/:id/room-password',
    method: 'put',
    path: (f) => `/api/consultations/${f.consultation}/room-password`,
    body: { password: 'grey-heron-42' },
    expect: { ...participantsOnly(200), consultant: 403 },
  },
  {
    endpoint: 'GET /api/consultations/:id/consents',
    method: 'get',
    path: (f) => `/api/consultations/${f.consultation}/consents`,
    expect: participantsOnly(200),
  },
  {
    endpoint: 'PUT /api/consultations/:id/consents/recording',
    method: 'put',
    path: (f) => `/api/consultations/${f.consultation}/consents/recording`,
    body: { granted: true },
    expect: participantsOnly(200),
  },
  // Support review is the owner's consent to give.
  {
    endpoint: 'PUT /api/consultations/:id/consents/support-review',
    method: 'put',
    path: (f) => `/api/consultations/${f.consultation}/consents/support-review`,
    body: { granted: true },
    expect: { ...participantsOnly(200), consultant: 403 },
  },
  { endpoint: 'POST /api/consultations/:id/cancel', method: 'post', path: (f) => f.freshConsultation().then((id) => `/api/consultations/${id}/cancel`), expect: participantsOnly(200) },
  { endpoint: 'GET /api/clinics/:A/audit-events/export', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/audit-events/export`, expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 200, other_clinic_admin: 404 } },
  { endpoint: 'GET /api/clinics/:A/consultant-profile', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/consultant-profile`, expect: consultantOfA(200) },
  { endpoint: 'PUT /api/clinics/:A/consultant-profile', method: 'put', path: (f) => `/api/clinics/${f.clinicA}/consultant-profile`, body: CONSULTANT_PROFILE, expect: consultantOfA(200) },
  { endpoint: 'GET /api/clinics/:A/consultant-profile/availability', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/consultant-profile/availability`, expect: consultantOfA(200) },
  {
    endpoint: 'PUT /api/clinics/:A/consultant-profile/availability',
    method: 'put',
    path: (f) => `/api/clinics/${f.clinicA}/consultant-profile/availability`,
    body: CONSULTANT_AVAILABILITY,
    expect: consultantOfA(200),
  },
  {
    endpoint: 'POST /api/clinics/:A/consultant-profile/time-off',
    method: 'post',
    path: (f) => `/api/clinics/${f.clinicA}/consultant-profile/time-off`,
    body: { startsAt: '2031-08-01T00:00:00Z', endsAt: '2031-08-02T00:00:00Z' },
    expect: consultantOfA(201),
  },
  {
    endpoint: 'DELETE /api/clinics/:A/consultant-profile/time-off/:id',
    method: 'delete',
    path: async (f) => `/api/clinics/${f.clinicA}/consultant-profile/time-off/${await f.freshTimeOff()}`,
    expect: consultantOfA(204),
  },
  { endpoint: 'GET /api/clinics/:A/consultant-publication', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/consultant-publication`, expect: consultantOfA(200) },
  {
    endpoint: 'PUT /api/clinics/:A/consultant-publication',
    method: 'put',
    path: (f) => `/api/clinics/${f.clinicA}/consultant-publication`,
    body: { profile: CONSULTANT_PROFILE, availability: CONSULTANT_AVAILABILITY },
    expect: consultantOfA(200),
  },
  { endpoint: 'GET /api/clinics/:A/profile', method: 'get', path: (f) => `/api/clinics/${f.clinicA}/profile`, expect: clinicAdminOfA(200) },
  { endpoint: 'PUT /api/clinics/:A/profile', method: 'put', path: (f) => `/api/clinics/${f.clinicA}/profile`, body: CLINIC_PROFILE, expect: clinicAdminOfA(200) },
  // Not multipart: the admin is told what to send; everyone else is refused before the body is read.
  { endpoint: 'PUT /api/clinics/:A/profile/logo', method: 'put', path: (f) => `/api/clinics/${f.clinicA}/profile/logo`, body: { file: 'x' }, expect: clinicAdminOfA(400) },
  // An <img> sends no X-Clinic-Id: every member of A sees the logo, nobody else.
  {
    endpoint: 'GET /api/clinics/:A/profile/logo',
    method: 'get',
    path: async (f) => f.freshLogo().then(() => `/api/clinics/${f.clinicA}/profile/logo`),
    expect: { ...clinicAdminOfA(200), consultant: 200, support: 200 },
  },
  { endpoint: 'DELETE /api/clinics/:A/profile/logo', method: 'delete', path: async (f) => f.freshLogo().then(() => `/api/clinics/${f.clinicA}/profile/logo`), expect: clinicAdminOfA(204) },
  { endpoint: 'GET /api/bookings', method: 'get', path: () => '/api/bookings?as=owner&period=upcoming', expect: everyoneSignedIn(200) },
  { endpoint: 'GET /api/bookings/:id', method: 'get', path: (f) => `/api/bookings/${f.paidBooking}`, expect: participantsOnly(200) },
  { endpoint: 'GET /api/bookings/:id/pet', method: 'get', path: (f) => `/api/bookings/${f.paidBooking}/pet`, expect: participantsOnly(200) },
  // Unpaid, a booking is the owner's alone: its consultant does not see it yet.
  { endpoint: 'GET /api/bookings/:id/payment', method: 'get', path: (f) => f.freshBooking('held').then((id) => `/api/bookings/${id}/payment`), expect: { ...everyoneSignedIn(404), owner: 200 } },
  {
    endpoint: 'POST /api/bookings/:id/test-payment',
    method: 'post',
    path: (f) => f.freshBooking('held').then((id) => `/api/bookings/${id}/test-payment`),
    body: { outcome: 'succeeded' },
    expect: { ...everyoneSignedIn(404), owner: 200 },
  },
  { endpoint: 'POST /api/bookings/:id/accept', method: 'post', path: (f) => f.freshBooking('paid').then((id) => `/api/bookings/${id}/accept`), expect: { ...participantsOnly(200), owner: 403 } },
  { endpoint: 'POST /api/bookings/:id/decline', method: 'post', path: (f) => f.freshBooking('paid').then((id) => `/api/bookings/${id}/decline`), expect: { ...participantsOnly(200), owner: 403 } },
  { endpoint: 'POST /api/bookings/:id/cancel', method: 'post', path: (f) => f.freshBooking('confirmed').then((id) => `/api/bookings/${id}/cancel`), expect: participantsOnly(200) },
  // Payouts to the clinic (Stripe Connect); the matrix runs the local test payment mode: no Stripe account to connect.
  {
    endpoint: 'GET /api/clinics/:A/payment-account',
    method: 'get',
    path: (f) => `/api/clinics/${f.clinicA}/payment-account`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 200, other_clinic_admin: 404 },
  },
  {
    endpoint: 'POST /api/clinics/:A/payment-account/onboarding-link',
    method: 'post',
    path: (f) => `/api/clinics/${f.clinicA}/payment-account/onboarding-link`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 409, other_clinic_admin: 404 },
  },
  {
    endpoint: 'POST /api/clinics/:A/payment-account/refresh',
    method: 'post',
    path: (f) => `/api/clinics/${f.clinicA}/payment-account/refresh`,
    expect: { anonymous: 401, owner: 404, consultant: 403, support: 403, clinic_admin: 200, other_clinic_admin: 404 },
  },
  // Stripe's Connect webhook: public, refused by the payment mode (no Stripe here) whoever sends it.
  {
    endpoint: 'POST /api/payments/stripe/connect-webhook',
    method: 'post',
    path: () => '/api/payments/stripe/connect-webhook',
    body: {},
    expect: { ...everyoneSignedIn(409), anonymous: 409 },
  },
  // Public: the same for everyone, signed in or not.
  { endpoint: 'GET /api/consultants', method: 'get', path: () => '/api/consultants', expect: { ...everyoneSignedIn(200), anonymous: 200 } },
  { endpoint: 'GET /api/consultants/:id', method: 'get', path: (f) => `/api/consultants/${f.consultantId}`, expect: { ...everyoneSignedIn(200), anonymous: 200 } },
  {
    endpoint: 'GET /api/consultants/:id/slots',
    method: 'get',
    path: (f) => `/api/consultants/${f.consultantId}/slots?from=2031-01-01&to=2031-01-08&durationMinutes=30&timeZone=UTC`,
    expect: { ...everyoneSignedIn(200), anonymous: 200 },
  },
];

interface RecordingRow {
  endpoint: string;
  method: 'get' | 'post';
  /** Support after withdrawal reaches for the recording whose consent was withdrawn; others for the standing one. */
  path: (fixture: Fixture, role: RecordingRole) => string | Promise<string>;
  body?: Record<string, unknown>;
  expect: Record<RecordingRole, number>;
}

const recordingOf = (fixture: Fixture, role: RecordingRole) =>
  role === 'support_withdrawn' ? fixture.withdrawnRecording : fixture.recording;
const nobodyElse = (status: number): Record<RecordingRole, number> => ({
  ...everyoneSignedIn(status),
  other_owner: status,
  other_consultant: status,
  support_granted: status,
  support_expired: status,
  support_withdrawn: status,
});
/** The participants and a reviewer with an active grant; anyone else, whatever else they are, gets not found. */
const participantsAndActiveReviewer = (status: number): Record<RecordingRole, number> => ({
  ...nobodyElse(404),
  owner: status,
  consultant: status,
  support_granted: status,
});
const REVIEW_REASON = 'Checking the complaint about the dosage advice';

const RECORDING_MATRIX: RecordingRow[] = [
  {
    endpoint: 'GET /api/consultations/:id/recordings',
    method: 'get',
    path: (f) => `/api/consultations/${f.consultation}/recordings`,
    expect: { ...nobodyElse(404), owner: 200, consultant: 200 },
  },
  {
    endpoint: 'GET /api/recordings/:id',
    method: 'get',
    path: (f, role) => `/api/recordings/${recordingOf(f, role).id}`,
    expect: participantsAndActiveReviewer(200),
  },
  {
    endpoint: 'GET /api/recordings/:id/segments/:segmentId/media',
    method: 'get',
    path: (f, role) => `/api/recordings/${recordingOf(f, role).id}/segments/${recordingOf(f, role).segmentId}/media`,
    expect: participantsAndActiveReviewer(200),
  },
  {
    endpoint: 'GET /api/clinics/:A/recordings (metadata)',
    method: 'get',
    path: (f) => `/api/clinics/${f.clinicA}/recordings`,
    // Staff of clinic A without the permission: "forbidden", as on every clinic endpoint; outsiders: "not found".
    expect: {
      ...nobodyElse(403),
      anonymous: 401,
      owner: 404, other_owner: 404,
      other_clinic_admin: 404,
      clinic_admin: 200,
    },
  },
  {
    endpoint: 'GET /api/support/recordings',
    method: 'get',
    path: () => '/api/support/recordings',
    expect: { ...nobodyElse(404), support: 200, support_granted: 200, support_expired: 200, support_withdrawn: 200 },
  },
  {
    endpoint: 'POST /api/recordings/:id/reviews',
    method: 'post',
    path: async (f, role) =>
      `/api/recordings/${role === 'support_withdrawn' ? f.withdrawnRecording.id : await f.freshRecording()}/reviews`,
    body: { reason: REVIEW_REASON },
    expect: { ...nobodyElse(404), support: 201, support_granted: 201, support_expired: 201 },
  },
];

describe('authorization matrix (endpoint × role)', () => {
  let testApp: TestApp;
  const people = {} as Record<Exclude<RecordingRole | MatrixRole, 'anonymous'>, SignedIn>;
  const fixture = {} as Fixture;
  const results: { endpoint: string; role: RecordingRole | MatrixRole; status: number }[] = [];

  let smtp: SmtpCapture;

  beforeAll(async () => {
    ({ testApp, smtp } = await startMailTestApp());
    type SignedInRole = Exclude<RecordingRole, 'anonymous'>;
    const signedIn = RECORDING_ROLES.filter((role): role is SignedInRole => role !== 'anonymous');
    for (const role of signedIn) {
      people[role] = await registerAndSignIn(testApp.baseUrl);
    }
    fixture.clinicA = await createClinicWithStaff(testApp.database.url, 'Clinic A', [
      { userId: people.consultant.session.account.id, role: 'consultant' },
      { userId: people.support.session.account.id, role: 'support' },
      { userId: people.clinic_admin.session.account.id, role: 'clinic_admin' },
      { userId: people.other_consultant.session.account.id, role: 'consultant' },
      ...(['support_granted', 'support_expired', 'support_withdrawn'] as const).map((role) => ({
        userId: people[role].session.account.id,
        role: 'support' as const,
      })),
    ]);
    fixture.clinicB = await createClinicWithStaff(testApp.database.url, 'Clinic B', [{ userId: people.other_clinic_admin.session.account.id, role: 'clinic_admin' }]);
    let invitations = 0;
    fixture.invitationOfA = async () => {
      const admin = people.clinic_admin;
      invitations += 1;
      const created = await admin.agent
        .post(`/api/clinics/${fixture.clinicA}/invitations`)
        .set({ 'X-CSRF-Token': admin.session.csrfToken, 'X-Clinic-Id': fixture.clinicA })
        .send({ email: `invitee-${invitations}@example.test`, role: 'support' })
        .expect(201);
      return created.body.id as string;
    };
    fixture.ownersPet = (await people.owner.agent.post('/api/pets').set('X-CSRF-Token', people.owner.session.csrfToken).send({ name: 'Rex', species: 'dog' }).expect(201)).body.id;
    await markEmailVerified(testApp.database.url, people.owner.session.account.id);
    const consultant = people.consultant;
    const pair: InvitingPair = {
      clinicId: fixture.clinicA,
      pet: { name: 'Rex' },
      owner: { ...people.owner, csrf: { 'X-CSRF-Token': people.owner.session.csrfToken } },
      consultant: { agent: consultant.agent, inClinic: { 'X-CSRF-Token': consultant.session.csrfToken, 'X-Clinic-Id': fixture.clinicA } },
    };
    fixture.consultation = (await inviteAndAccept(pair)).id;
    fixture.freshConsultation = () =>
      insertScheduledConsultation(testApp.database.url, { clinicId: fixture.clinicA, ownerId: people.owner.session.account.id, consultantId: consultant.session.account.id, petId: fixture.ownersPet });
    let invitation: string | undefined;
    fixture.openInvitation = async () => {
      const open = invitation && (await people.owner.agent.get(`/api/consultations/${invitation}`).expect(200)).body.status === 'invited';
      if (!open) {
        await invite(pair);
        invitation = await newestInvitationOf(pair.owner);
      }
      return invitation as string;
    };
    const asConsultant = { 'X-CSRF-Token': consultant.session.csrfToken, 'X-Clinic-Id': fixture.clinicA };
    const profilePath = `/api/clinics/${fixture.clinicA}/consultant-profile`;
    await consultant.agent.put(profilePath).set(asConsultant).send({ ...CONSULTANT_PROFILE, published: false }).expect(200);
    await consultant.agent.put(`${profilePath}/availability`).set(asConsultant).send(CONSULTANT_AVAILABILITY).expect(200);
    await consultant.agent.put(profilePath).set(asConsultant).send(CONSULTANT_PROFILE).expect(200);
    fixture.consultantId = consultant.session.account.id;
    fixture.freshTimeOff = async () =>
      (await consultant.agent.post(`${profilePath}/time-off`).set(asConsultant).send({ startsAt: '2031-09-01T00:00:00Z', endsAt: '2031-09-02T00:00:00Z' }).expect(201)).body.id as string;
    const owner = people.owner;
    const ownerCsrf = { 'X-CSRF-Token': owner.session.csrfToken };
    const slotsAhead = (
      await owner.agent
        .get(`/api/consultants/${fixture.consultantId}/slots`)
        .query({ from: new Date(Date.now() + 3_600_000).toISOString(), to: new Date(Date.now() + 59 * 24 * 3_600_000).toISOString(), durationMinutes: 30, timeZone: 'UTC' })
        .expect(200)
    ).body.slots as { startsAt: string }[];
    fixture.freshBooking = async (stage) => {
      const slot = slotsAhead.shift();
      if (!slot) throw new Error('the matrix ran out of free slots');
      const created = await owner.agent
        .post('/api/bookings')
        .set(ownerCsrf)
        .send({ consultantId: fixture.consultantId, petId: fixture.ownersPet, startsAt: slot.startsAt, durationMinutes: 30, reason: 'Matrix' })
        .expect(201);
      const id = created.body.booking.id as string;
      if (stage === 'held') return id;
      await owner.agent.post(`/api/bookings/${id}/test-payment`).set(ownerCsrf).send({ outcome: 'succeeded' }).expect(200);
      if (stage === 'confirmed') await consultant.agent.post(`/api/bookings/${id}/accept`).set(asConsultant).expect(200);
      return id;
    };
    fixture.paidBooking = await fixture.freshBooking('paid');
    const asAdminOfA = { 'X-CSRF-Token': people.clinic_admin.session.csrfToken, 'X-Clinic-Id': fixture.clinicA };
    const logo = readFileSync(join(__dirname, '../fixtures/attachments/photo.png'));
    fixture.freshLogo = async () => {
      await people.clinic_admin.agent.put(`/api/clinics/${fixture.clinicA}/profile/logo`).set(asAdminOfA).attach('file', logo, 'logo.png').expect(200);
    };
    await recordingsFor(fixture.consultation);
    await operatorFixtures();
  });

  /** A platform operator (granted as the shell command does), and clinics in each status to decide on. */
  async function operatorFixtures(): Promise<void> {
    people.operator = await registerAndSignIn(testApp.baseUrl);
    await markEmailVerified(testApp.database.url, people.operator.session.account.id);
    await withSchemaOwnerOperators(testApp.database.url, (operators) => operators.grant(people.operator.email));
    const grantee = await registerAndSignIn(testApp.baseUrl, { email: 'granted-by-matrix@example.test' });
    await markEmailVerified(testApp.database.url, grantee.session.account.id);
    fixture.freshClinic = async (status) => {
      const id = randomUUID();
      const reason = status === 'suspended' ? 'Suspended by the matrix' : null;
      await asSchemaOwner(testApp.database.url, (client) =>
        client.query('INSERT INTO clinics (id, name, status, status_reason) VALUES ($1, $2, $3, $4)', [
          id,
          `Clinic ${status}`,
          status,
          reason,
        ]),
      );
      return id;
    };
    // Operator is granted only to a confirmed address.
    fixture.freshAccountEmail = async () => {
      const account = await registerAndSignIn(testApp.baseUrl);
      await markEmailVerified(testApp.database.url, account.session.account.id);
      return account.email;
    };
    fixture.freshOperator = async () => {
      const email = await fixture.freshAccountEmail();
      return (await withSchemaOwnerOperators(testApp.database.url, (operators) => operators.grant(email))).userId;
    };
  }

  /** Recordings through the recorder's writer, consents in the ledger, and a review grant in each state. */
  async function recordingsFor(consultation: string): Promise<void> {
    const writer = testApp.app.get(RecordingWriter);
    const storage = testApp.app.get(ObjectStorage);
    const ownerId = people.owner.session.account.id;
    const recordOne = async (consultationId: string) => {
      const recorded = await recordConsultation(writer, storage, {
        consultationId,
        startedBy: people.consultant.session.account.id,
        segments: [{ userId: ownerId, kind: 'video', body: randomBytes(4096) }],
      });
      return { id: recorded.recordingId, segmentId: recorded.segments[0].id };
    };
    const consent = (consultationId: string, granted: boolean) =>
      recordConsent(testApp.database.url, { consultationId, userId: ownerId, purpose: 'support_review', granted });
    const openReview = (role: 'support_granted' | 'support_expired' | 'support_withdrawn', recordingId: string) =>
      people[role].agent
        .post(`/api/recordings/${recordingId}/reviews`)
        .set({ 'X-CSRF-Token': people[role].session.csrfToken, 'X-Clinic-Id': fixture.clinicA })
        .send({ reason: REVIEW_REASON })
        .expect(201);
    fixture.recording = await recordOne(consultation);
    await consent(consultation, true);
    await openReview('support_granted', fixture.recording.id);
    await openReview('support_expired', fixture.recording.id);
    await asSchemaOwner(testApp.database.url, (client) =>
      client.query(
        `UPDATE recording_review_grants
            SET granted_at = now() - interval '4 days', expires_at = now() - interval '1 hour'
          WHERE support_user_id = $1`,
        [people.support_expired.session.account.id],
      ),
    );
    const withdrawn = await fixture.freshConsultation();
    fixture.withdrawnRecording = await recordOne(withdrawn);
    await consent(withdrawn, true);
    await openReview('support_withdrawn', fixture.withdrawnRecording.id);
    await consent(withdrawn, false);
    fixture.freshRecording = async () => (await recordOne(consultation)).id;
  }
  const deniedEvents = () =>
    asSchemaOwner(testApp.database.url, async (client) => {
      const sql = `SELECT count(*)::int AS n FROM audit_events WHERE outcome = 'denied'`;
      return (await client.query<{ n: number }>(sql)).rows[0].n;
    });
  afterAll(() => {
    mkdirSync('test-results', { recursive: true });
    const header = `| endpoint | ${MATRIX_ROLES.join(' | ')} |\n|---|${MATRIX_ROLES.map(() => '---').join('|')}|\n`;
    const cell = (row: Row, role: MatrixRole) =>
      results.find((r) => r.endpoint === row.endpoint && r.role === role)?.status ?? '—';
    const cells = (row: Row) => MATRIX_ROLES.map((role) => cell(row, role)).join(' | ');
    const lines = MATRIX.map((row) => `| ${row.endpoint} | ${cells(row)} |`);
    const rule = RECORDING_ROLES.map(() => '---').join('|');
    const recordingHeader = `\n| recording endpoint | ${RECORDING_ROLES.join(' | ')} |\n|---|${rule}|\n`;
    const statusOf = (endpoint: string, role: RecordingRole) =>
      results.find((r) => r.endpoint === endpoint && r.role === role)?.status ?? '—';
    const recordingLines = RECORDING_MATRIX.map(
      (row) => `| ${row.endpoint} | ${RECORDING_ROLES.map((role) => statusOf(row.endpoint, role)).join(' | ')} |`,
    );
    const recordingTable = recordingHeader + recordingLines.join('\n') + '\n';
    writeFileSync('test-results/authorization-matrix.md', header + lines.join('\n') + '\n' + recordingTable);
    return testApp?.close().then(() => smtp?.close());
  });

  const clinicOf = (role: RecordingRole | MatrixRole): string | undefined =>
    role === 'anonymous' || role === 'owner' || role === 'other_owner' || role === 'operator'
      ? undefined
      : role === 'other_clinic_admin'
        ? fixture.clinicB
        : fixture.clinicA;

  const expectedOf = (row: Row, role: MatrixRole): number =>
    role === 'operator' ? (row.expect.operator ?? row.expect.other_clinic_admin) : row.expect[role];
  for (const row of MATRIX) {
    it(`${row.endpoint}: ${MATRIX_ROLES.map((role) => `${role} ${expectedOf(row, role)}`).join(', ')}`, async () => {
      for (const role of MATRIX_ROLES) {
        const person = role === 'anonymous' ? undefined : people[role];
        const agent = person?.agent ?? request(testApp.baseUrl);
        const call = agent[row.method](await row.path(fixture));
        if (person && row.method !== 'get') call.set('X-CSRF-Token', person.session.csrfToken);
        const clinic = clinicOf(role);
        if (clinic) call.set('X-Clinic-Id', clinic);
        const response = row.body ? await call.send(row.body) : await call;
        results.push({ endpoint: row.endpoint, role, status: response.status });
        expect({ role, status: response.status }).toEqual({ role, status: expectedOf(row, role) });
      }
    });
  }

  for (const row of RECORDING_MATRIX) {
    const expected = RECORDING_ROLES.map((role) => `${role} ${row.expect[role]}`).join(', ');
    it(`${row.endpoint}: ${expected}; every refusal audited`, async () => {
      for (const role of RECORDING_ROLES) {
        const person = role === 'anonymous' ? undefined : people[role];
        const agent = person?.agent ?? request(testApp.baseUrl);
        const call = agent[row.method](await row.path(fixture, role));
        if (person && row.method !== 'get') call.set('X-CSRF-Token', person.session.csrfToken);
        const clinic = clinicOf(role);
        if (clinic) call.set('X-Clinic-Id', clinic);
        const deniedBefore = await deniedEvents();
        const response = row.body ? await call.send(row.body) : await call;
        results.push({ endpoint: row.endpoint, role, status: response.status });
        expect({ role, status: response.status }).toEqual({ role, status: row.expect[role] });
        if (response.status !== 403 && response.status !== 404) continue;
        expect({ role, audited: (await deniedEvents()) > deniedBefore }).toEqual({ role, audited: true });
      }
    });
  }
});
