import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { insertConnectedAccount } from './connected-clinics';
import type { StripeFake } from './stripe-fake';

export interface PayableBooking {
  bookingId: string;
  clinicId: string;
  ownerId: string;
  consultantId: string;
  amount: number;
  currency: string;
}

/**
 * Test fixture for the payments module: a clinic with a consultant, an owner with a pet, and
 * held bookings for them to pay, written as the schema owner (as test/service/booking-exclusion
 * does), so payment tests do not depend on the booking endpoints. Each booking takes the next
 * hour of a far-away day, so holds never overlap.
 */
export class PayableBookings {
  readonly clinicId = randomUUID();
  readonly consultantId = randomUUID();
  readonly ownerId = randomUUID();
  readonly strangerId = randomUUID();
  private readonly petId = randomUUID();
  private next = 0;

  private constructor(readonly db: Client) {}

  static async create(ownerUrl: string): Promise<PayableBookings> {
    const db = new Client({ connectionString: ownerUrl });
    await db.connect();
    const fixture = new PayableBookings(db);
    await fixture.seed();
    return fixture;
  }

  async book(amount = 4500, currency = 'EUR'): Promise<PayableBooking> {
    const bookingId = randomUUID();
    const startsAt = new Date(Date.UTC(2031, 0, 6, 0, 0) + this.next++ * 3_600_000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    await this.db.query(
      `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, hold_expires_at, price_amount, price_currency, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7, 'held', now() + interval '1 hour', $8, $9, 'Limping since Tuesday')`,
      [bookingId, this.clinicId, this.consultantId, this.ownerId, this.petId, startsAt, endsAt, amount, currency],
    );
    return { bookingId, clinicId: this.clinicId, ownerId: this.ownerId, consultantId: this.consultantId, amount, currency };
  }

  /** The clinic's Stripe account, onboarded in the fake: its bookings are destination charges to it. Answers its id. */
  async connect(fake: StripeFake): Promise<string> {
    return insertConnectedAccount(this.db, fake, this.clinicId, this.consultantId);
  }

  close(): Promise<void> {
    return this.db.end();
  }

  private async seed(): Promise<void> {
    await this.db.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Payments clinic', 'approved')`, [this.clinicId]);
    for (const [id, name] of [[this.consultantId, 'consultant'], [this.ownerId, 'owner'], [this.strangerId, 'stranger']]) {
      await this.db.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', 'person', 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, `${name}-${id}@example.test`],
      );
    }
    await this.db.query(`INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Rex', 'dog')`, [this.petId, this.ownerId]);
    await this.db.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), this.clinicId, this.consultantId, 'consultant']);
  }
}
