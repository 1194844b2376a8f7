import { randomInt, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { ConsultantSlotsView, PetView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { computeSlots } from '../apps/api/src/availability/slot-engine';
import type { SlotQuery, WeeklyRule } from '../apps/api/src/availability/availability-rules';
import { publishConsultant } from '../test/support/bookings';
import { newPeople, signUp, type FixturePerson, type PeopleFixture } from '../test/support/consultations';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { percentile, summarize } from './percentiles';

/**
 * `npm run bench:booking`: the two figures issue 5 asks for, on this machine.
 *
 * 1. Slot search: one consultant in Europe/Berlin working weekdays 09:00–13:00 and 14:00–18:00
 *    (30-minute consultations, 10-minute buffers, a daily limit, date overrides, time off) with
 *    BUSY_BOOKINGS confirmed bookings spread over the next 60 days. Timed: the slot engine alone
 *    (pure computation), and GET /api/consultants/:id/slots for 60 days through the real app
 *    (validation, the profile read, consultant_busy_intervals in PostgreSQL, formatting in the
 *    viewer's zone, JSON) one request at a time.
 * 2. Booking under contention, local test payment mode (no network payment provider in the way):
 *    OWNERS owners each fire a booking at the same slot at the same instant, ROUNDS times
 *    (exactly one may win each round: the exclusion constraint decides); then the same owners
 *    book spread over SPREAD_SLOTS slots, CONCURRENCY requests in flight. Printed: rounds and
 *    requests per second, successful bookings per second, latency percentiles, and the
 *    outcome counts (which must be exactly one win per contended slot).
 */
jest.setTimeout(900_000);

const DAYS = 60;
const BUSY_BOOKINGS = 240;
const ENGINE_RUNS = 300;
const HTTP_SEARCHES = 200;
const OWNERS = 40;
const ROUNDS = 25;
const SPREAD_SLOTS = 120;
const SPREAD_REQUESTS = 400;
const CONCURRENCY = 20;

const WORKDAY: Array<[string, string]> = [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const WEEKLY_RULES: WeeklyRule[] = weekdays.flatMap((weekday) => WORKDAY.map(([start, end]) => ({ weekday, start, end })));

const elapsed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

describe('booking benchmark', () => {
  let testApp: TestApp;
  let db: Client;
  let people: PeopleFixture;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', LOG_LEVEL: 'silent' });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    people = await newPeople(testApp);
    console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at start`);
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  it('slot search over 60 days', async () => {
    const soon = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString().slice(0, 10);
    const dateOverrides = [
      { date: soon(10), closed: true },
      { date: soon(17), intervals: [{ start: '10:00', end: '12:00' }] },
    ];
    const timeOff = [
      [20, 22],
      [40, 41],
    ].map(([from, to]) => ({ startsAt: new Date(Date.now() + from * 24 * 3_600_000), endsAt: new Date(Date.now() + to * 24 * 3_600_000) }));
    await publishConsultant(people, {
      profile: { timeZone: 'Europe/Berlin' },
      availability: {
        weeklyRules: WEEKLY_RULES,
        dateOverrides,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 10,
        minimumNoticeMinutes: 120,
        horizonDays: DAYS,
        dailyLimit: 10,
        stepMinutes: null,
      },
    });
    for (const range of timeOff) {
      await people.consultant.agent.post(`/api/clinics/${people.clinicId}/consultant-profile/time-off`).set(people.consultant.inClinic).send(range).expect(201);
    }
    const slotsFor60Days = async () =>
      (
        await people.owner.agent
          .get(`/api/consultants/${people.consultant.userId}/slots`)
          .query({ from: new Date().toISOString(), to: new Date(Date.now() + DAYS * 24 * 3_600_000).toISOString(), durationMinutes: 30, timeZone: 'America/New_York' })
          .expect(200)
      ).body as ConsultantSlotsView;

    // Confirmed bookings on free slots, spread over the 60 days, written as the database's owner (paying for 240 is not what is measured).
    const free = (await slotsFor60Days()).slots;
    const chosen = Array.from({ length: BUSY_BOOKINGS }, (_, i) => free[Math.floor((i * free.length) / BUSY_BOOKINGS)]);
    for (const slot of chosen) {
      const startsAt = new Date(slot.startsAt);
      const endsAt = new Date(slot.endsAt);
      await db.query(
        `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, price_amount, price_currency, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'confirmed', 4500, 'EUR', 'benchmark')`,
        [randomUUID(), people.clinicId, people.consultant.userId, people.owner.userId, people.pet.id, startsAt, endsAt, new Date(startsAt.getTime() - 600_000), new Date(endsAt.getTime() + 600_000)],
      );
    }

    const busy = chosen.map((slot) => ({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt), kind: 'booking' as const }));
    const now = new Date();
    const query: SlotQuery = {
      timeZone: 'Europe/Berlin',
      weeklyRules: WEEKLY_RULES,
      dateOverrides,
      timeOff,
      consultationMinutes: 30,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      minimumNoticeMinutes: 120,
      horizonDays: DAYS,
      dailyLimit: 10,
      busy,
      now,
      // The profile's zone is Berlin; both the engine and the endpoint count the daily limit there.
      from: now,
      to: new Date(now.getTime() + DAYS * 24 * 3_600_000),
    };
    const engine: number[] = [];
    let engineSlots = 0;
    for (let run = 0; run < ENGINE_RUNS; run += 1) {
      const started = performance.now();
      engineSlots = computeSlots(query).length;
      engine.push(performance.now() - started);
    }

    const http: number[] = [];
    let httpSlots = 0;
    for (let run = 0; run < HTTP_SEARCHES; run += 1) {
      const { result, ms } = await elapsed(slotsFor60Days);
      http.push(ms);
      httpSlots = result.slots.length;
    }
    // The same path without the slot work: what HTTP, the session-less scope and the profile read cost alone.
    const profileOnly: number[] = [];
    for (let run = 0; run < HTTP_SEARCHES; run += 1) {
      profileOnly.push((await elapsed(() => people.owner.agent.get(`/api/consultants/${people.consultant.userId}`).expect(200))).ms);
    }
    expect(httpSlots).toBeGreaterThan(0);
    expect(httpSlots).toBeLessThan(free.length);
    console.log(
      [
        `slot search, one consultant, ${DAYS} days, ${BUSY_BOOKINGS} bookings, buffers, daily limit, overrides, time off:`,
        `  slot engine alone (${ENGINE_RUNS} runs, ${engineSlots} slots): ${summarize(engine)}`,
        `  GET /api/consultants/:id, the profile alone (baseline, ${HTTP_SEARCHES} requests): ${summarize(profileOnly)}`,
        `  GET /api/consultants/:id/slots (${HTTP_SEARCHES} requests one at a time, ${httpSlots} slots, ${(JSON.stringify(await slotsFor60Days()).length / 1024).toFixed(0)} KiB): ${summarize(http)}`,
      ].join('\n'),
    );
  });

  it('booking throughput under contention', async () => {
    const contended = await newPeople(testApp, { clinicName: 'Contended clinic' });
    await publishConsultant(contended, { availability: { minimumNoticeMinutes: 0, horizonDays: DAYS, bufferBeforeMinutes: 10, bufferAfterMinutes: 10, dailyLimit: null } });
    const owners: Array<{ person: FixturePerson; petId: string }> = [];
    for (let i = 0; i < OWNERS; i += 1) {
      const person = await signUp(testApp.baseUrl, `198.51.100.${randomInt(1, 255)}`, { email: `bench-owner-${i}-${randomUUID().slice(0, 6)}@example.test` });
      const pet = (await person.agent.post('/api/pets').set(person.csrf).send({ name: `Pet ${i}`, species: 'dog' }).expect(201)).body as PetView;
      owners.push({ person, petId: pet.id });
    }
    const slots = (
      (
        await contended.owner.agent
          .get(`/api/consultants/${contended.consultant.userId}/slots`)
          .query({ from: new Date(Date.now() + 3_600_000).toISOString(), to: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(), durationMinutes: 30, timeZone: 'UTC' })
          .expect(200)
      ).body as ConsultantSlotsView
    ).slots;
    // Every other slot: neighbours would collide through the buffers and blur "one winner per slot".
    const apart = slots.filter((_, i) => i % 2 === 0);
    expect(apart.length).toBeGreaterThan(ROUNDS + SPREAD_SLOTS);
    const attempt = async (owner: { person: FixturePerson; petId: string }, startsAt: string) => {
      const started = performance.now();
      const response = await owner.person.agent
        .post('/api/bookings')
        .set(owner.person.csrf)
        .send({ consultantId: contended.consultant.userId, petId: owner.petId, startsAt, durationMinutes: 30, reason: 'benchmark' });
      return { ms: performance.now() - started, outcome: response.status === 201 ? 'booked' : String(response.body.code ?? response.status) };
    };

    const hotLatencies: number[] = [];
    const hotOutcomes = new Map<string, number>();
    const hot = await elapsed(async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const results = await Promise.all(owners.map((owner) => attempt(owner, apart[round].startsAt)));
        for (const result of results) {
          hotLatencies.push(result.ms);
          hotOutcomes.set(result.outcome, (hotOutcomes.get(result.outcome) ?? 0) + 1);
        }
        expect(results.filter((result) => result.outcome === 'booked')).toHaveLength(1);
      }
    });

    const spreadSlots = apart.slice(ROUNDS, ROUNDS + SPREAD_SLOTS);
    const spreadLatencies: number[] = [];
    const spreadOutcomes = new Map<string, number>();
    let next = 0;
    const spread = await elapsed(() =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < SPREAD_REQUESTS) {
            const index = next++;
            const result = await attempt(owners[index % OWNERS], spreadSlots[randomInt(0, spreadSlots.length)].startsAt);
            spreadLatencies.push(result.ms);
            spreadOutcomes.set(result.outcome, (spreadOutcomes.get(result.outcome) ?? 0) + 1);
          }
        }),
      ),
    );
    const held = await db.query<{ starts_at: Date; n: number }>(
      `SELECT starts_at, count(*)::int AS n FROM bookings WHERE consultant_id = $1 AND status = 'held' GROUP BY starts_at HAVING count(*) > 1`,
      [contended.consultant.userId],
    );
    expect(held.rows).toEqual([]);
    const booked = (outcomes: Map<string, number>) => outcomes.get('booked') ?? 0;
    const tally = (outcomes: Map<string, number>) => [...outcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ');
    console.log(
      [
        `booking under contention (local test payments, ${OWNERS} owners, ${cpus().length} cores):`,
        `  one slot, ${OWNERS} owners at once, ${ROUNDS} rounds: ${(ROUNDS / (hot.ms / 1000)).toFixed(1)} rounds/s, ${((ROUNDS * OWNERS) / (hot.ms / 1000)).toFixed(0)} requests/s; ${tally(hotOutcomes)}; latency ${summarize(hotLatencies)}`,
        `  ${SPREAD_REQUESTS} requests over ${SPREAD_SLOTS} slots, ${CONCURRENCY} in flight: ${(SPREAD_REQUESTS / (spread.ms / 1000)).toFixed(0)} requests/s, ${(booked(spreadOutcomes) / (spread.ms / 1000)).toFixed(1)} bookings/s; ${tally(spreadOutcomes)}; latency ${summarize(spreadLatencies)}, max ${percentile(spreadLatencies, 100).toFixed(1)} ms`,
        `  never two holds on one slot (checked in the database).`,
      ].join('\n'),
    );
  });
});
