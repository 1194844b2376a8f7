import type {
  BookingCreatedView,
  ConsultantAvailabilityPayload,
  ConsultantProfilePayload,
  ConsultantSlotsView,
} from '@vetmeet/contracts';
import { connectClinicInFake } from './connected-clinics';
import { newPeople, type AppUnderTest, type ConsultationFixtureOptions, type PeopleFixture } from './consultations';
import type { StripeFake } from './stripe-fake';

/**
 * Test fixture for booking: the people of a consultation fixture (clinic, consultant, verified
 * owner with a pet), with the consultant's profile and availability published through the
 * real API. By default the consultant works every day around the clock in UTC, offers 30
 * minutes for 45.00 EUR with 10-minute buffers, so any test finds slots at any hour.
 *
 *   const people = await createBookablePeople(testApp, { autoAccept: true });
 *   const slot = await firstSlot(people);
 *   const created = await book(people, slot.startsAt);
 */
export interface BookableOptions extends ConsultationFixtureOptions {
  profile?: Partial<ConsultantProfilePayload>;
  availability?: Partial<ConsultantAvailabilityPayload>;
  autoAccept?: boolean;
  /** With Stripe: the clinic's account, connected in this fake, so its consultant takes paid bookings. */
  stripe?: StripeFake;
}

export type BookablePeople = PeopleFixture;

export const DEFAULT_PRICE = { durationMinutes: 30, priceAmount: 4500, priceCurrency: 'EUR' } as const;

export async function createBookablePeople(app: AppUnderTest, options: BookableOptions = {}): Promise<BookablePeople> {
  const people = options.between ?? (await newPeople(app, options));
  await publishConsultant(people, options);
  if (options.stripe) {
    await connectClinicInFake(app.database.url, options.stripe, people.clinicId, people.consultant.userId);
  }
  return people;
}

export async function publishConsultant(people: PeopleFixture, options: BookableOptions = {}): Promise<void> {
  const { consultant, clinicId } = people;
  const profile: ConsultantProfilePayload = {
    displayName: consultant.displayName,
    specialties: ['dermatology'],
    species: ['cat', 'dog'],
    languages: ['en', 'uk'],
    bio: 'Small animal vet, ten years in practice.',
    timeZone: 'UTC',
    priceCurrency: DEFAULT_PRICE.priceCurrency,
    offerings: [{ durationMinutes: DEFAULT_PRICE.durationMinutes, priceAmount: DEFAULT_PRICE.priceAmount }],
    autoAccept: options.autoAccept ?? false,
    ...options.profile,
    // Publishing needs availability, which comes next.
    published: false,
  };
  const base = `/api/clinics/${clinicId}/consultant-profile`;
  await consultant.agent.put(base).set(consultant.inClinic).send(profile).expect(200);
  const allWeek = (['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  const availability: ConsultantAvailabilityPayload = {
    weeklyRules: allWeek,
    dateOverrides: [],
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    minimumNoticeMinutes: 0,
    horizonDays: 60,
    dailyLimit: null,
    stepMinutes: null,
    ...options.availability,
  };
  await consultant.agent.put(`${base}/availability`).set(consultant.inClinic).send(availability).expect(200);
  await consultant.agent.put(base).set(consultant.inClinic).send({ ...profile, published: options.profile?.published ?? true }).expect(200);
}

/** The consultant's open slots from `fromMinutes` from now, over the next day, as seen from UTC. */
export async function slotsOf(people: PeopleFixture, { fromMinutes = 0, durationMinutes = DEFAULT_PRICE.durationMinutes, days = 1 } = {}): Promise<ConsultantSlotsView> {
  const from = new Date(Date.now() + fromMinutes * 60_000);
  const to = new Date(from.getTime() + days * 24 * 3_600_000);
  const response = await people.owner.agent
    .get(`/api/consultants/${people.consultant.userId}/slots`)
    .query({ from: from.toISOString(), to: to.toISOString(), durationMinutes, timeZone: 'UTC' })
    .expect(200);
  return response.body as ConsultantSlotsView;
}

export async function firstSlot(people: PeopleFixture, options: { fromMinutes?: number } = {}): Promise<{ startsAt: string; endsAt: string }> {
  const { slots } = await slotsOf(people, options);
  if (slots.length === 0) throw new Error('the consultant has no open slot in the next day');
  return slots[0];
}

/** POST /api/bookings as the owner; answers the raw supertest response so tests can check refusals. */
export function requestBooking(people: PeopleFixture, startsAt: string, extra: Record<string, unknown> = {}) {
  return people.owner.agent
    .post('/api/bookings')
    .set(people.owner.csrf)
    .send({ consultantId: people.consultant.userId, petId: people.pet.id, startsAt, durationMinutes: DEFAULT_PRICE.durationMinutes, reason: 'Scratching her ears all week', ...extra });
}

export async function book(people: PeopleFixture, startsAt: string, extra: Record<string, unknown> = {}): Promise<BookingCreatedView> {
  return (await requestBooking(people, startsAt, extra).expect(201)).body as BookingCreatedView;
}
