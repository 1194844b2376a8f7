import { CONSULTATION_INVITATION_SENT_MESSAGE, ErrorCode } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { MemoryRateLimitStore } from '../rate-limits/memory-rate-limit-store';
import { RateLimits } from '../rate-limits/rate-limits';
import { ConsultationInvitationsService, INVITATIONS_PER_CLINIC, INVITATIONS_PER_CONSULTANT } from './consultation-invitations.service';

const CLINIC = '00000000-0000-4000-8000-00000000c1c1';
const OWNER = { owner_id: '00000000-0000-4000-8000-0000000000a1', pet_id: '00000000-0000-4000-8000-0000000000b1' };
const actor = (n: number): Actor => ({ userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, sessionId: 's', clinicId: CLINIC, roles: [] });
const request = { ownerEmail: 'owner@example.test', petName: 'Rex', durationMinutes: 30 };
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'sent', (error: { code?: string }) => error.code);

describe(ConsultationInvitationsService.name, () => {
  /** The service over fakes: the database finds `match` (or nothing) and records every statement. */
  const serviceWith = (match: typeof OWNER | null) => {
    const statements: string[] = [];
    const audited: unknown[] = [];
    const mailed: string[] = [];
    const manager = {
      query: async (sql: string) => {
        // The clinic is approved: an unapproved one's refusal is tested end to end (suspended-clinic-consultations).
        if (sql.includes('app_clinic_is_approved')) return [{ approved: true }];
        statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
        return sql.includes('consultation_find_owner_pet') && match ? [match] : [];
      },
    };
    const db = { runAs: async (_actor: unknown, work: (m: unknown) => Promise<unknown>) => work(manager) };
    const audit = { record: async (event: unknown) => void audited.push(event) };
    const access = { require: async () => undefined };
    const mail = { sendInBackground: (_id: string, ownerId: string) => void mailed.push(ownerId) };
    const config = {
      CONSULTATION_JOIN_OPENS_MINUTES: 15,
      CONSULTATION_JOIN_CLOSES_MINUTES: 30,
      SESSION_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    };
    const limits = new RateLimits(new MemoryRateLimitStore(), config as never);
    const service = new ConsultationInvitationsService(
      db as never, audit as never, access as never, mail as never, limits, config as never,
    );
    return { service, statements, audited, mailed };
  };

  it('answers a match and a miss with the same body and the same audit event; only a match is written and mailed', async () => {
    const hit = serviceWith(OWNER);
    const miss = serviceWith(null);
    expect(await hit.service.invite(actor(1), CLINIC, request)).toEqual({ message: CONSULTATION_INVITATION_SENT_MESSAGE });
    expect(await miss.service.invite(actor(1), CLINIC, request)).toEqual({ message: CONSULTATION_INVITATION_SENT_MESSAGE });
    expect(hit.audited).toEqual(miss.audited);
    expect(hit.statements).toEqual(['SELECT owner_id, pet_id', 'INSERT INTO consultations']);
    expect(miss.statements).toEqual(['SELECT owner_id, pet_id']);
    expect(hit.mailed).toEqual([OWNER.owner_id]);
    expect(miss.mailed).toEqual([]);
  });

  it(`refuses a consultant's invitation past ${INVITATIONS_PER_CONSULTANT} in the window, and a clinic's past ${INVITATIONS_PER_CLINIC}`, async () => {
    const { service } = serviceWith(null);
    for (let i = 0; i < INVITATIONS_PER_CONSULTANT; i += 1) expect(await codeOf(service.invite(actor(1), CLINIC, request))).toBe('sent');
    expect(await codeOf(service.invite(actor(1), CLINIC, request))).toBe(ErrorCode.RateLimited);
    // Other consultants of the clinic go on until the clinic's budget is spent.
    let sent = INVITATIONS_PER_CONSULTANT;
    for (let consultant = 2; sent < INVITATIONS_PER_CLINIC; consultant += 1) {
      for (let i = 0; i < INVITATIONS_PER_CONSULTANT && sent < INVITATIONS_PER_CLINIC; i += 1, sent += 1) {
        expect(await codeOf(service.invite(actor(consultant), CLINIC, request))).toBe('sent');
      }
    }
    expect(await codeOf(service.invite(actor(99), CLINIC, request))).toBe(ErrorCode.RateLimited);
  });
});
