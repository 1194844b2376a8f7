import { BOOKING_MAX_PHOTOS, BOOKING_REASON_MAX_LENGTH, CONSULTATION_MAX_MINUTES, CONSULTATION_MIN_MINUTES, ErrorCode, type CreateBookingPayload } from '@vetmeet/contracts/client';
import { ApiError, type FieldProblems } from '../api/api-error';

/** The slot a booking form is for, from its address (?start=…&minutes=…). */
export interface BookingTarget {
  startsAt: string;
  durationMinutes: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The slot named in the query, or null when it is missing or malformed (the page sends the person back to pick one). */
export function bookingTargetFrom(search: URLSearchParams): BookingTarget | null {
  const start = search.get('start') ?? '';
  const minutes = Number(search.get('minutes'));
  if (!ISO_INSTANT.test(start) || Number.isNaN(Date.parse(start))) return null;
  if (!Number.isInteger(minutes) || minutes < CONSULTATION_MIN_MINUTES || minutes > CONSULTATION_MAX_MINUTES) return null;
  return { startsAt: new Date(start).toISOString(), durationMinutes: minutes };
}

export interface BookingFormValues {
  petId: string;
  reason: string;
  photoIds: string[];
  /** Unticked until the owner ticks them; only a yes is sent. */
  consents: { recording: boolean; supportReview: boolean };
}

export const emptyBookingForm: BookingFormValues = {
  petId: '',
  reason: '',
  photoIds: [],
  consents: { recording: false, supportReview: false },
};

export function validateBookingForm(values: BookingFormValues): FieldProblems {
  const problems: FieldProblems = {};
  if (!values.petId) problems.petId = 'Choose the pet the consultation is for.';
  const reason = values.reason.trim();
  if (!reason) problems.reason = 'Tell the vet why you want the consultation.';
  else if (reason.length > BOOKING_REASON_MAX_LENGTH) problems.reason = `Keep the reason to ${BOOKING_REASON_MAX_LENGTH} characters or fewer.`;
  if (values.photoIds.length > BOOKING_MAX_PHOTOS) problems.photoIds = `Choose at most ${BOOKING_MAX_PHOTOS} photos.`;
  return problems;
}

export function toCreateBookingPayload(consultantId: string, target: BookingTarget, values: BookingFormValues): CreateBookingPayload {
  return {
    consultantId,
    petId: values.petId,
    startsAt: target.startsAt,
    durationMinutes: target.durationMinutes,
    reason: values.reason.trim(),
    ...(values.photoIds.length > 0 ? { photoAttachmentIds: values.photoIds } : {}),
    ...consentsOf(values.consents),
  };
}

/** Only the boxes ticked: an unticked one is no answer yet, which the owner can still give before the call. */
function consentsOf(consents: BookingFormValues['consents']): Pick<CreateBookingPayload, 'consents'> {
  const given = {
    ...(consents.recording ? { recording: true } : {}),
    ...(consents.supportReview ? { supportReview: true } : {}),
  };
  return Object.keys(given).length > 0 ? { consents: given } : {};
}

/** The server's field details as sentences beside the fields. */
export function explainBookingField(field: string): string | undefined {
  if (field === 'reason') return `Tell the vet why you want the consultation, in up to ${BOOKING_REASON_MAX_LENGTH} characters.`;
  if (field === 'petId') return 'Choose one of your pets.';
  if (field === 'photoAttachmentIds') return 'Some of the chosen photos are no longer in the pet’s record. Choose again.';
  return undefined;
}

/** "12 characters left", "3 characters too many". */
export function charactersLeftPhrase(text: string, max = BOOKING_REASON_MAX_LENGTH): string {
  const left = max - text.length;
  if (left >= 0) return `${left} character${left === 1 ? '' : 's'} left`;
  return `${-left} character${left === -1 ? '' : 's'} too many`;
}

/** The time is no longer free: someone else holds it (SLOT_TAKEN) or it left the consultant's slots (SLOT_UNAVAILABLE). */
export const isSlotLost = (error: unknown): error is ApiError => error instanceof ApiError && (error.code === ErrorCode.SlotTaken || error.code === ErrorCode.SlotUnavailable);
