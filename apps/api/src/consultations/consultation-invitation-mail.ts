import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { loggableError } from '../common/errors/loggable-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { MailLinks } from '../mail/mail-links';
import { Mailer } from '../mail/mailer';
import { ownEmail } from './consultation-invitations';
import { loadConsultationViews } from './consultation-views';
import { joinWindowSettingsOf, type JoinWindowSettings } from './join-window';

/**
 * Tells an owner that a consultant invites them. Sent in the background, after the inviting
 * transaction: the consultant's answer must not take longer when an owner matched (an SMTP round
 * trip would say so), and the invitation does not depend on the mail, since it also waits on the
 * owner's consultations page. A mail that fails is logged by id only.
 */
@Injectable()
export class ConsultationInvitationMail implements OnApplicationShutdown {
  private readonly logger = new Logger(ConsultationInvitationMail.name);
  private readonly sending = new Set<Promise<void>>();
  private readonly window: JoinWindowSettings;

  constructor(
    private readonly db: DatabaseContext,
    private readonly mailer: Mailer,
    private readonly links: MailLinks,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.window = joinWindowSettingsOf(config);
  }

  sendInBackground(consultationId: string, ownerId: string): void {
    const sending = this.send(consultationId, ownerId).catch((error: unknown) =>
      this.logger.warn({ consultationId, err: loggableError(error) }, 'consultation invitation email not sent'),
    );
    this.sending.add(sending);
    void sending.finally(() => this.sending.delete(sending));
  }

  /** Lets mails under way finish before the mail transport closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.sending);
  }

  private async send(consultationId: string, ownerId: string): Promise<void> {
    // Read as the owner: the consultant's scope cannot see the invitation, nor the owner's address.
    const found = await this.db.runAs({ userId: ownerId, clinicId: null }, async (manager) => {
      const [view] = await loadConsultationViews(manager, ownerId, [consultationId], this.window);
      return view ? { view, email: await ownEmail(manager, ownerId) } : null;
    });
    if (!found?.email) return;
    const { view, email } = found;
    await this.mailer.send({
      template: 'consultation-invitation',
      to: email,
      params: {
        recipientName: view.owner.displayName,
        otherPartyName: view.consultant.displayName,
        petName: view.pet.name,
        clinicName: view.clinic.name,
        startsAt: new Date(view.startsAt),
        endsAt: new Date(view.endsAt),
        timeZone: view.owner.timeZone,
        country: view.owner.country,
        link: this.links.consultation(consultationId),
      },
    });
  }
}
