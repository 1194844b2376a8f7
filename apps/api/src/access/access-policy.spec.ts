import type { Actor } from '../auth/actor';
import { AccessPolicy } from './access-policy';
import { Permission } from './permission';
import { ErrorCode } from '@vetmeet/contracts';

const clinic = '11111111-1111-4111-8111-111111111111';
const otherClinic = '22222222-2222-4222-8222-222222222222';
const actor = (roles: Actor['roles'], clinicId: string | null = clinic): Actor => ({ userId: 'u', sessionId: 's', clinicId, roles });

describe(AccessPolicy.name, () => {
  const recorded: unknown[] = [];
  const policy = new AccessPolicy({ recordIndependently: async (event: unknown) => void recorded.push(event) } as never);

  it('grants by role, in the clinic the actor acts in only', () => {
    expect(policy.allows(actor(['clinic_admin']), Permission.AuditExport, clinic)).toBe(true);
    expect(policy.allows(actor(['clinic_admin']), Permission.AuditExport, otherClinic)).toBe(false);
    expect(policy.allows(actor(['consultant', 'support']), Permission.StaffInvite, clinic)).toBe(false);
    expect(policy.allows(actor([], null), Permission.AuditRead, clinic)).toBe(false);
  });

  it('says forbidden inside the clinic, not found outside it, and audits both', async () => {
    await expect(policy.require(actor(['consultant']), Permission.AuditRead, clinic)).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(policy.require(actor(['clinic_admin']), Permission.AuditRead, otherClinic)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(recorded).toEqual([
      expect.objectContaining({ outcome: 'denied', clinicId: clinic }),
      expect.objectContaining({ outcome: 'denied', clinicId: null, entityId: otherClinic }),
    ]);
  });
});
