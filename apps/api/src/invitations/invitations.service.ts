import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type CreateInvitationPayload,
  type InvitationPreview,
  type InvitationView,
  type MembershipView,
  type StaffRoleValue,
} from '@vetmeet/contracts';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import { hashLinkToken, newLinkToken } from '../accounts/email-verification-tokens';
import type { Actor } from '../auth/actor';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { MailLinks } from '../mail/mail-links';
import { Mailer } from '../mail/mailer';
import type { EntityManager } from 'typeorm';

const LIFETIME_DAYS = 7;

interface InvitationRow {
  id: string;
  email: string;
  role: StaffRoleValue;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
}

/** What auth_invitation_for_token() shows the holder of a link. */
interface InvitationByToken {
  invitation_id: string;
  clinic_id: string;
  clinic_name: string;
  email: string;
  role: StaffRoleValue;
  expires_at: Date;
  accepted_at: Date | null;
}

const toView = (row: InvitationRow): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  invitedBy: row.invited_by,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

const COLUMNS = 'id, email, role, invited_by, created_at, expires_at';

/**
 * Clinic admins invite staff by e-mail; the invited person, signed in with that address,
 * accepts and becomes a member in the role. Invitations are the clinic's rows (row-level
 * security); before accepting, the link's holder sees one only through its token.
 */
@Injectable()
export class InvitationsService {
  /** An admin's account taken over must not become a mail cannon. */
  private readonly invitesPerAdmin: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    limits: RateLimits,
  ) {
    this.invitesPerAdmin = limits.limiter({ name: 'invitations.per-admin', limit: 50, windowMs: 60 * 60 * 1000 });
  }

  async invite(actor: Actor, clinicId: string, request: CreateInvitationPayload): Promise<InvitationView> {
    const { row, clinicName, token } = await this.create(actor, clinicId, request);
    // The mail goes out once that transaction is over: one left open across SMTP (up to a minute
    // with retries) would hold a connection and, past its audit row, the app-wide audit chain lock
    // that every audited request waits for. Nobody but the mail holds the link, so an invitation
    // whose mail could not be sent is simply withdrawn.
    try {
      await this.mailer.send({
        template: 'staff-invitation',
        to: row.email,
        params: { clinicName, role: row.role, link: this.links.staffInvitation(token), expiresInDays: LIFETIME_DAYS },
      });
    } catch (error) {
      await this.db.runAs(actor, (manager) => manager.query('DELETE FROM invitations WHERE id = $1', [row.id]));
      await this.audit.recordIndependently({ action: 'invitation.create', entityType: 'invitation', entityId: row.id, outcome: 'failure' });
      throw error;
    }
    await this.replaceOlder(actor, clinicId, row);
    return toView(row);
  }

  /**
   * An invitation whose link is handed to the caller instead of e-mailed: for the development
   * demo, which invites its own demo staff at start and has no inbox to read the link from.
   * Checked and audited exactly like invite().
   */
  async inviteWithoutMail(actor: Actor, clinicId: string, request: CreateInvitationPayload): Promise<{ invitation: InvitationView; token: string }> {
    const { row, token } = await this.create(actor, clinicId, request);
    await this.replaceOlder(actor, clinicId, row);
    return { invitation: toView(row), token };
  }

  private async create(actor: Actor, clinicId: string, request: CreateInvitationPayload): Promise<{ row: InvitationRow; clinicName: string; token: string }> {
    await this.access.require(actor, Permission.StaffInvite, clinicId);
    await this.invitesPerAdmin.take(actor.userId);
    const token = newLinkToken();
    const { row, clinicName } = await this.db.runAs(actor, async (manager) => {
      const [clinic] = await manager.query<{ name: string }[]>('SELECT name FROM clinics WHERE id = $1', [clinicId]);
      const [inserted] = await manager.query<InvitationRow[]>(
        `INSERT INTO invitations (id, clinic_id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [randomUUID(), clinicId, request.email, request.role, hashLinkToken(token), actor.userId, new Date(Date.now() + LIFETIME_DAYS * 24 * 60 * 60 * 1000)],
      );
      await this.audit.record({ action: 'invitation.create', entityType: 'invitation', entityId: inserted.id, outcome: 'success' });
      return { row: inserted, clinicName: clinic.name };
    }).catch(async (error: unknown) => {
      await this.audit.recordIndependently({ action: 'invitation.create', entityType: 'invitation', outcome: 'failure' });
      throw error;
    });
    return { row, clinicName, token };
  }

  /**
   * Inviting an address again replaces its pending invitation: only the newest link works, from
   * the moment it was sent (until then the older one still did).
   */
  private async replaceOlder(actor: Actor, clinicId: string, row: InvitationRow): Promise<void> {
    await this.db.runAs(actor, (manager) =>
      manager.query('DELETE FROM invitations WHERE clinic_id = $1 AND email = $2 AND accepted_at IS NULL AND id <> $3', [clinicId, row.email, row.id]),
    );
  }

  /** Invitations not accepted yet and still valid, newest first. */
  async listPending(actor: Actor, clinicId: string): Promise<InvitationView[]> {
    await this.access.require(actor, Permission.StaffList, clinicId);
    return this.db.runAs(actor, async (manager) => {
      const rows = await manager.query<InvitationRow[]>(
        `SELECT ${COLUMNS} FROM invitations WHERE clinic_id = $1 AND accepted_at IS NULL AND expires_at > now() ORDER BY created_at DESC`,
        [clinicId],
      );
      await this.audit.record({ action: 'invitation.list', entityType: 'invitation', outcome: 'success' });
      return rows.map(toView);
    });
  }

  /** Withdraws a pending invitation: its link stops working. */
  async revoke(actor: Actor, clinicId: string, invitationId: string): Promise<void> {
    await this.access.require(actor, Permission.StaffInvite, clinicId);
    const revoked = await this.db.runAs(actor, async (manager) => {
      const [, deleted] = await manager.query<[unknown[], number]>('DELETE FROM invitations WHERE id = $1 AND clinic_id = $2 AND accepted_at IS NULL', [invitationId, clinicId]);
      if (deleted === 0) return false;
      await this.audit.record({ action: 'invitation.revoke', entityType: 'invitation', entityId: invitationId, outcome: 'success' });
      return true;
    });
    if (!revoked) {
      await this.audit.recordIndependently({ action: 'invitation.revoke', entityType: 'invitation', entityId: invitationId, outcome: 'failure' });
      throw new AppError(ErrorCode.NotFound, 'No such pending invitation.');
    }
  }

  /** What a link offers, shown before accepting (or registering to accept). */
  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findUsable(token, 'invitation.preview');
    await this.audit.recordIndependently({ action: 'invitation.preview', entityType: 'invitation', entityId: invitation.invitation_id, outcome: 'success', clinicId: invitation.clinic_id });
    return { clinicName: invitation.clinic_name, role: invitation.role, email: invitation.email, expired: invitation.expires_at.getTime() <= Date.now() };
  }

  /**
   * Makes the signed-in person a member of the inviting clinic, in the invited role. Only
   * for the account with the invited address: a forwarded link is no use to anyone else.
   */
  async accept(actor: Actor, token: string): Promise<MembershipView> {
    const invitation = await this.findUsable(token, 'invitation.accept');
    const refuse = async (code: ErrorCode, outcome: 'failure' | 'denied', message?: string) => {
      await this.audit.recordIndependently({ action: 'invitation.accept', entityType: 'invitation', entityId: invitation.invitation_id, outcome, clinicId: invitation.clinic_id });
      return new AppError(code, message);
    };
    if (invitation.expires_at.getTime() <= Date.now()) throw await refuse(ErrorCode.InvitationInvalid, 'failure');
    const [account] = await this.db.runAs({ userId: actor.userId, clinicId: null }, (manager) =>
      manager.query<{ email: string; email_verified_at: Date | null }[]>('SELECT email, email_verified_at FROM users WHERE id = $1', [actor.userId]),
    );
    if (account?.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw await refuse(ErrorCode.Forbidden, 'denied', 'This invitation is for another e-mail address: sign in with the account it was sent to.');
    }
    // Holding the link is not proof of owning the address (links get forwarded): the account must have verified it.
    if (!account.email_verified_at) throw await refuse(ErrorCode.EmailNotVerified, 'denied');

    // Joining acts in the inviting clinic: the membership policy admits rows of the acting clinic only.
    const joined = await this.db.runAs({ userId: actor.userId, clinicId: invitation.clinic_id }, async (manager) => {
      // The condition repeats the checks above under the row's lock: of two concurrent accepts, one wins.
      const [, accepted] = await manager.query<[unknown[], number]>('UPDATE invitations SET accepted_at = now() WHERE id = $1 AND accepted_at IS NULL AND expires_at > now()', [
        invitation.invitation_id,
      ]);
      if (accepted === 0) return false;
      await manager.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT (clinic_id, user_id, role) DO NOTHING', [
        randomUUID(),
        invitation.clinic_id,
        actor.userId,
        invitation.role,
      ]);
      await this.audit.record({ action: 'invitation.accept', entityType: 'invitation', entityId: invitation.invitation_id, outcome: 'success', clinicId: invitation.clinic_id });
      return true;
    });
    if (!joined) throw await refuse(ErrorCode.InvitationInvalid, 'failure');
    return { clinicId: invitation.clinic_id, clinicName: invitation.clinic_name, role: invitation.role };
  }

  /**
   * Single sign-on: accepts the clinic's newest pending invitation for an address the clinic's own
   * identity provider vouched for, in the caller's transaction acting as that person in that clinic.
   * The role it gave, or null when no invitation waits for the address.
   */
  async acceptPendingWithin(
    manager: EntityManager,
    userId: string,
    clinicId: string,
    email: string,
  ): Promise<StaffRoleValue | null> {
    const [[accepted]] = await manager.query<[{ id: string; role: StaffRoleValue }[], number]>(
      `UPDATE invitations SET accepted_at = now()
        WHERE id = (SELECT id FROM invitations WHERE clinic_id = $1 AND email = $2 AND accepted_at IS NULL
                     AND expires_at > now() ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
          AND accepted_at IS NULL
        RETURNING id, role`,
      [clinicId, email],
    );
    if (!accepted) return null;
    await manager.query(
      `INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (clinic_id, user_id, role) DO NOTHING`,
      [randomUUID(), clinicId, userId, accepted.role],
    );
    await this.audit.record({
      action: 'invitation.accept',
      entityType: 'invitation',
      entityId: accepted.id,
      outcome: 'success',
      clinicId,
    });
    return accepted.role;
  }

  /** The invitation behind a link, unless there is none (unknown, revoked) or it was accepted. */
  private async findUsable(token: string, action: string): Promise<InvitationByToken> {
    const [invitation] = await this.db.runAs(null, (manager) => manager.query<InvitationByToken[]>('SELECT * FROM auth_invitation_for_token($1)', [hashLinkToken(token)]));
    if (invitation && !invitation.accepted_at) return invitation;
    await this.audit.recordIndependently({ action, entityType: 'invitation', entityId: invitation?.invitation_id ?? null, outcome: 'failure', clinicId: invitation?.clinic_id ?? null });
    throw new AppError(ErrorCode.InvitationInvalid);
  }
}
