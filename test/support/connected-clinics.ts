import { Client } from 'pg';
import type { StripeFake } from './stripe-fake';

/**
 * Test fixture: the clinic's Stripe account, onboarded in the fake and kept as the app keeps it
 * after account.updated (charges and payouts enabled), written as the schema owner so payment
 * tests need not walk the onboarding. Answers the connected account's id.
 */
export async function insertConnectedAccount(
  owner: Client,
  fake: StripeFake,
  clinicId: string,
  createdBy: string,
): Promise<string> {
  const created = fake.connect.createAccount({ type: 'express' }).body as { id: string };
  fake.connect.completeOnboarding(created.id);
  await owner.query(
    `INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, created_by, charges_enabled, payouts_enabled,
       details_submitted, status_observed_at)
     VALUES ($1, $2, $3, true, true, true, now())`,
    [clinicId, created.id, createdBy],
  );
  return created.id;
}

/** As insertConnectedAccount, through a connection of its own to the schema owner's database URL. */
export async function connectClinicInFake(
  ownerUrl: string,
  fake: StripeFake,
  clinicId: string,
  createdBy: string,
): Promise<string> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    return await insertConnectedAccount(owner, fake, clinicId, createdBy);
  } finally {
    await owner.end();
  }
}
