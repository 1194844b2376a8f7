import type { EntityManager } from 'typeorm';
import type { ConsentPurpose } from './consent-purpose';

/** One person's latest answer for one purpose (consultation_consent_standing). */
export interface ConsentStanding {
  userId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string;
  recordedAt: Date;
}

export interface ConsentAnswer {
  consultationId: string;
  userId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string;
}

interface StandingRow {
  user_id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  policy_version: string;
  recorded_at: Date;
}

/**
 * The consent ledger's SQL (consultation_consents, consents.schema.ts), in the transaction the
 * caller runs and under its acting scope: row-level security shows a participant their
 * consultation's rows and lets them append their own, nothing else.
 */
export class ConsentsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The latest answer of every person who answered, for every purpose, in the consultation. */
  async standings(consultationId: string): Promise<ConsentStanding[]> {
    const rows = await this.manager.query<StandingRow[]>(
      `SELECT user_id, purpose, granted, policy_version, recorded_at FROM consultation_consent_standing
        WHERE consultation_id = $1`,
      [consultationId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      purpose: row.purpose,
      granted: row.granted,
      policyVersion: row.policy_version,
      recordedAt: row.recorded_at,
    }));
  }

  /**
   * Serialises answers of one person for one purpose until the transaction ends, so two requests
   * at once read the same standing one after the other and only one of them appends.
   */
  async lockAnswersOf(consultationId: string, userId: string, purpose: ConsentPurpose): Promise<void> {
    await this.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('consent:' || $1 || ':' || $2 || ':' || $3, 0))`,
      [consultationId, userId, purpose],
    );
  }

  /** Appends one answer; the moment and the clinic are the database's. */
  async append(answer: ConsentAnswer): Promise<Date> {
    const [row] = await this.manager.query<{ recorded_at: Date }[]>(
      `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version)
       VALUES ($1, $2, $3, $4, $5) RETURNING recorded_at`,
      [answer.consultationId, answer.userId, answer.purpose, answer.granted, answer.policyVersion],
    );
    return row.recorded_at;
  }

  /** The standing recording answer of one person, as that person's scope sees it (false when none). */
  async recordingStanding(consultationId: string, userId: string): Promise<boolean> {
    const [row] = await this.manager.query<{ standing: boolean }[]>(
      `SELECT consent_standing($1, $2, 'recording') AS standing`,
      [consultationId, userId],
    );
    return row?.standing === true;
  }

  /** The owner's yes given while booking, kept until the booking becomes a consultation (bookings_carry_consents). */
  async keepBookingConsent(bookingId: string, purpose: ConsentPurpose, policyVersion: string): Promise<void> {
    await this.manager.query(`INSERT INTO booking_consents (booking_id, purpose, policy_version) VALUES ($1, $2, $3)`, [
      bookingId,
      purpose,
      policyVersion,
    ]);
  }
}
