import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type OperatorClinicView,
  type ClinicDecisionView,
  type OperatorClinicListQueryPayload,
  type OperatorClinicPage,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService, type AuditRecord } from '../audit/audit.service';
import { operatorEvent as platformEvent } from './operator-event';
import { ClinicRecords, toClinicView, type ClinicRow } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { MailLinks } from '../mail/mail-links';
import { Mailer } from '../mail/mailer';
import { ClinicSuspension } from './clinic-suspension';
import { CLINIC_TRANSITIONS, PAST_TENSE, type ClinicDecision } from './clinic-transitions';
import { OperatorsService } from './operators.service';

const DEFAULT_PAGE = 25;
type Acting = Pick<Actor, 'userId'>;

/** An operator's event about a clinic. */
const operatorEvent = (action: string, outcome: AuditRecord['outcome'], clinicId?: string): AuditRecord =>
  platformEvent('clinic', action, outcome, clinicId);

/**
 * The operator's side of clinic onboarding: list clinics and applications, approve or refuse an
 * application (the applicant is e-mailed either way), suspend and reinstate a clinic. Operators
 * act in no clinic: they read clinics, never a clinic's patients or records, and change a
 * clinic's status only through clinic_set_status. Every action and refusal is audited.
 */
@Injectable()
export class ClinicOperatorService {
  private readonly logger = new Logger(ClinicOperatorService.name);

  constructor(
    private readonly operators: OperatorsService,
    private readonly audit: AuditService,
    private readonly suspension: ClinicSuspension,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
  ) {}

  list(actor: Acting, query: OperatorClinicListQueryPayload): Promise<OperatorClinicPage> {
    return this.operators.asOperator(actor, 'clinic.list', async (manager) => {
      const limit = query.limit ?? DEFAULT_PAGE;
      const page = await ClinicRecords.page(manager, { status: query.status, limit, cursor: query.cursor });
      await this.audit.record(operatorEvent('clinic.list', 'success'));
      return { items: page.rows.map(toClinicView), nextCursor: page.nextCursor };
    });
  }

  get(actor: Acting, clinicId: string): Promise<OperatorClinicView> {
    return this.operators.asOperator(actor, 'clinic.read', async (manager) => {
      const row = await this.found(manager, clinicId, 'clinic.read');
      await this.audit.record(operatorEvent('clinic.read', 'success', clinicId));
      const suspension = row.status === 'suspended' ? await ClinicRecords.suspensionProgress(manager, clinicId) : null;
      return { ...toClinicView(row), suspension };
    });
  }

  /** The applicant becomes the clinic's first admin and is e-mailed. */
  approve(actor: Acting, clinicId: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'approve', null);
  }

  /** Approves without e-mailing the applicant: for the development demo, whose addresses are made up. */
  approveWithoutMail(actor: Acting, clinicId: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'approve', null, { mail: false });
  }

  refuse(actor: Acting, clinicId: string, reason: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'refuse', reason);
  }

  /**
   * Out of the directory at once and no new booking or consultation (row-level security and the insert
   * policies read the status); its waiting invitations expire; its upcoming bookings are cancelled and
   * refunded in full by the background pass this starts (the answer says how many).
   */
  suspend(actor: Acting, clinicId: string, reason: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'suspend', reason);
  }

  reinstate(actor: Acting, clinicId: string, reason: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'reinstate', reason);
  }

  private async decide(
    actor: Acting,
    clinicId: string,
    decision: ClinicDecision,
    reason: string | null,
    { mail } = { mail: true },
  ) {
    const action = `clinic.${decision}`;
    const outcome = await this.operators.asOperator(actor, action, async (manager) => {
      const before = await this.found(manager, clinicId, action);
      await this.move(manager, before, decision, reason);
      const bookings = decision === 'suspend' ? await this.suspension.bookingsToCancel(manager, clinicId) : [];
      if (decision === 'suspend') await ClinicRecords.suspensionConsultations(manager, clinicId);
      const applicant = before.applicant_user_id;
      const applicantEmail = applicant ? await ClinicRecords.applicantEmail(manager, applicant) : null;
      const after = (await ClinicRecords.find(manager, clinicId)) as ClinicRow;
      return { after, bookings, applicantEmail };
    });
    // The paid bookings are cancelled by the background pass: hundreds would time this request out.
    await this.suspension.releaseHolds(outcome.bookings);
    const bookingsToCancel = outcome.bookings.filter((booking) => booking.status !== 'expired').length;
    if (decision === 'suspend') this.suspension.start();
    const told = mail && (decision === 'approve' || decision === 'refuse');
    const applicantNotified = told ? await this.tellApplicant(outcome.after, outcome.applicantEmail, decision) : null;
    return { clinic: toClinicView(outcome.after), applicantNotified, bookingsToCancel };
  }

  /**
   * The status change, audited; a suspension of a suspended clinic (asked again, or by two operators
   * at once: the second update waits for the first and then finds nothing to change) changes nothing
   * and lets the caller finish the winding down.
   */
  private async move(manager: EntityManager, before: ClinicRow, decision: ClinicDecision, reason: string | null) {
    const transition = CLINIC_TRANSITIONS[decision];
    const action = `clinic.${decision}`;
    if (decision === 'suspend' && before.status === 'suspended') return;
    const stated = transition.reason ? (reason?.trim() ?? null) : null;
    const change = { from: transition.from, to: transition.to, reason: stated };
    if (await ClinicRecords.setStatus(manager, before.id, change)) {
      await this.audit.record(operatorEvent(action, 'success', before.id));
      return;
    }
    const now = (await ClinicRecords.find(manager, before.id))?.status ?? before.status;
    if (decision === 'suspend' && now === 'suspended') return;
    await this.audit.recordIndependently(operatorEvent(action, 'failure', before.id));
    const must = `Only a ${transition.from} clinic can be ${PAST_TENSE[decision]}`;
    throw new AppError(ErrorCode.ClinicState, `${must}; this one is ${now}.`);
  }

  private async found(manager: EntityManager, clinicId: string, action: string): Promise<ClinicRow> {
    const row = await ClinicRecords.find(manager, clinicId);
    if (row) return row;
    await this.audit.recordIndependently(operatorEvent(action, 'failure', clinicId));
    throw new AppError(ErrorCode.NotFound, 'No such clinic.');
  }

  /** After the decision committed: a mail that cannot be sent does not undo it; the operator is told. */
  private async tellApplicant(clinic: ClinicRow, email: string | null, decision: 'approve' | 'refuse') {
    if (!email) return false;
    const verdict = decision === 'approve' ? 'approved' : 'refused';
    try {
      await this.mailer.send({
        template: 'clinic-decision',
        to: email,
        params: {
          clinicName: clinic.name,
          decision: verdict,
          reason: clinic.status_reason,
          link: this.links.clinicApplication(),
        },
      });
      return true;
    } catch (error) {
      const facts = { err: loggableError(error), clinicId: clinic.id };
      this.logger.warn(facts, 'could not e-mail the applicant the decision');
      return false;
    }
  }
}
