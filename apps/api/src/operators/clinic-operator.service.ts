import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type ClinicApplicationView,
  type ClinicDecisionView,
  type OperatorClinicListQueryPayload,
  type OperatorClinicPage,
} from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { ClinicRecords, toClinicView, type ClinicRow } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { MailLinks } from '../mail/mail-links';
import { Mailer } from '../mail/mailer';
import { ClinicSuspension } from './clinic-suspension';
import { CLINIC_TRANSITIONS, type ClinicDecision } from './clinic-transitions';
import { OperatorsService } from './operators.service';

const DEFAULT_PAGE = 25;
type Acting = Pick<Actor, 'userId'>;

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
      const page = await ClinicRecords.page(manager, { status: query.status, limit: query.limit ?? DEFAULT_PAGE, cursor: query.cursor });
      await this.audit.record({ action: 'clinic.list', entityType: 'clinic', outcome: 'success', clinicId: null, actorRole: 'operator' });
      return { items: page.rows.map(toClinicView), nextCursor: page.nextCursor };
    });
  }

  get(actor: Acting, clinicId: string): Promise<ClinicApplicationView> {
    return this.operators.asOperator(actor, 'clinic.read', async (manager) => {
      const row = await this.found(manager, clinicId, 'clinic.read');
      await this.audit.record({ action: 'clinic.read', entityType: 'clinic', entityId: clinicId, outcome: 'success', clinicId: null, actorRole: 'operator' });
      return toClinicView(row);
    });
  }

  /** The applicant becomes the clinic's first admin and is e-mailed. */
  approve(actor: Acting, clinicId: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'approve', null);
  }

  refuse(actor: Acting, clinicId: string, reason: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'refuse', reason);
  }

  /**
   * Out of the directory at once and no new booking (row-level security and the booking policy read
   * the status); its upcoming bookings are cancelled and refunded in full. Suspending a suspended
   * clinic again finishes what a failed first pass left.
   */
  suspend(actor: Acting, clinicId: string, reason: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'suspend', reason);
  }

  reinstate(actor: Acting, clinicId: string, reason: string): Promise<ClinicDecisionView> {
    return this.decide(actor, clinicId, 'reinstate', reason);
  }

  private async decide(actor: Acting, clinicId: string, decision: ClinicDecision, reason: string | null): Promise<ClinicDecisionView> {
    const transition = CLINIC_TRANSITIONS[decision];
    const action = `clinic.${decision}`;
    const outcome = await this.operators.asOperator(actor, action, async (manager) => {
      const before = await this.found(manager, clinicId, action);
      const again = decision === 'suspend' && before.status === 'suspended';
      if (!again) {
        const changed = await ClinicRecords.setStatus(manager, clinicId, transition.from, transition.to, transition.reason ? reason?.trim() ?? null : null);
        if (!changed) {
          await this.audit.recordIndependently({ action, entityType: 'clinic', entityId: clinicId, outcome: 'failure', clinicId: null, actorRole: 'operator' });
          throw new AppError(ErrorCode.ClinicState, `Only a ${transition.from} clinic can be ${pastTense[decision]}; this one is ${before.status}.`);
        }
        await this.audit.record({ action, entityType: 'clinic', entityId: clinicId, outcome: 'success', clinicId: null, actorRole: 'operator' });
      }
      const bookings = decision === 'suspend' ? await this.suspension.bookingsToCancel(manager, clinicId) : [];
      const applicantEmail = before.applicant_user_id ? await ClinicRecords.applicantEmail(manager, before.applicant_user_id) : null;
      const after = (await ClinicRecords.find(manager, clinicId)) as ClinicRow;
      return { after, bookings, applicantEmail };
    });
    const bookingsCancelled = await this.suspension.cancel(clinicId, outcome.bookings);
    const applicantNotified = decision === 'approve' || decision === 'refuse' ? await this.tellApplicant(outcome.after, outcome.applicantEmail, decision) : null;
    return { clinic: toClinicView(outcome.after), applicantNotified, bookingsCancelled };
  }

  private async found(manager: Parameters<typeof ClinicRecords.find>[0], clinicId: string, action: string): Promise<ClinicRow> {
    const row = await ClinicRecords.find(manager, clinicId);
    if (row) return row;
    await this.audit.recordIndependently({ action, entityType: 'clinic', entityId: clinicId, outcome: 'failure', clinicId: null, actorRole: 'operator' });
    throw new AppError(ErrorCode.NotFound, 'No such clinic.');
  }

  /** After the decision committed: a mail that cannot be sent does not undo it; the operator is told. */
  private async tellApplicant(clinic: ClinicRow, email: string | null, decision: 'approve' | 'refuse'): Promise<boolean> {
    if (!email) return false;
    try {
      await this.mailer.send({
        template: 'clinic-decision',
        to: email,
        params: { clinicName: clinic.name, decision: decision === 'approve' ? 'approved' : 'refused', reason: clinic.status_reason, link: this.links.clinicApplication() },
      });
      return true;
    } catch (error) {
      this.logger.warn({ err: loggableError(error), clinicId: clinic.id }, 'could not e-mail the applicant the decision on their clinic');
      return false;
    }
  }
}

const pastTense: Record<ClinicDecision, string> = { approve: 'approved', refuse: 'refused', suspend: 'suspended', reinstate: 'reinstated' };
