import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { SessionView } from '@vetmeet/contracts';

export const STRONG_PASSWORD = 'a calm dog naps 4 hours';

export function newAccount(overrides: Record<string, unknown> = {}) {
  return {
    email: `owner-${randomUUID().slice(0, 8)}@example.test`,
    password: STRONG_PASSWORD,
    displayName: 'Maria Kovalenko',
    country: 'UA',
    timeZone: 'Europe/Kyiv',
    adultConfirmed: true,
    privacyPolicyVersion: '2026-11-01',
    ...overrides,
  };
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  session: SessionView;
  email: string;
}

/** Registers an account and signs it in with a cookie-keeping agent. */
export async function registerAndSignIn(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<SignedIn> {
  const account = newAccount(overrides);
  await request(baseUrl).post('/api/accounts').send(account).expect(202);
  const agent = request.agent(baseUrl);
  const response = await agent.post('/api/auth/sign-in').send({ email: account.email, password: account.password }).expect(200);
  return { agent, session: response.body as SessionView, email: account.email };
}
