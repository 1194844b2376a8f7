import { createConsultationFor, type ConsultationFixture } from '../../test/support/consultations';
import { cookieHeaderOf } from '../../test/support/room-client';
import type { TestApp } from '../../test/support/test-app';
import type { ScalePlan } from './scales';

/** What a load client needs to seat one consultation's two people. */
export interface LoadRoom {
  consultationId: string;
  ownerCookie: string;
  ownerUserId: string;
  consultantCookie: string;
}

/** Consultations created at once: the API is the bottleneck, not the bench. */
const CREATE_CONCURRENCY = 8;

/**
 * The plan's consultations, spread over `plan.pairs` owner/consultant pairs (new accounts
 * only for the first consultation of each pair), created through the real API.
 */
export async function createLoadRooms(testApp: TestApp, plan: ScalePlan): Promise<LoadRoom[]> {
  const pairs: ConsultationFixture[] = [];
  for (let pair = 0; pair < plan.pairs; pair += 1) pairs.push(await createConsultationFor(testApp));
  const fixtures: ConsultationFixture[] = [...pairs];
  const more = Array.from({ length: plan.consultations - pairs.length }, (_, index) => pairs[index % pairs.length]);
  let next = 0;
  const worker = async () => {
    while (next < more.length) {
      const between = more[next];
      next += 1;
      fixtures.push(await createConsultationFor(testApp, { between }));
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  return fixtures.map((fixture) => ({
    consultationId: fixture.consultationId,
    ownerCookie: cookieHeaderOf(fixture.owner.agent),
    ownerUserId: fixture.owner.userId,
    consultantCookie: cookieHeaderOf(fixture.consultant.agent),
  }));
}
