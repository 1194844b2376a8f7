/**
 * Current definitions of the payouts module's SQL (migrations are history; this is what the
 * database holds now). The table is created in migration 1796800300000-ConnectClinicPaymentAccounts.
 *
 * Who reaches what:
 * - clinic admins acting in their clinic read its payment account and create it (once, unconnected);
 * - the account's status is written only by clinic_payment_account_apply(), with what Stripe
 *   answered for the account (a webhook has nobody signed in): the runtime role has no UPDATE or
 *   DELETE grant on the table;
 * - anyone booking learns only whether a clinic takes charges, and the server the account to pay,
 *   through clinic_charge_destination();
 * - nobody else reads a row.
 */

/** The acting person is a clinic admin of the clinic they act in, and that clinic is p_clinic. */
export const PAYMENT_ACCOUNT_IS_CLINIC_ADMIN = `CREATE OR REPLACE FUNCTION
  payment_account_is_clinic_admin(p_clinic uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p_clinic = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
    WHERE m.clinic_id = p_clinic AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin') $$`;

/** The connected account a booking of the clinic is paid to, or null while it cannot take charges. */
export const CLINIC_CHARGE_DESTINATION = `CREATE OR REPLACE FUNCTION clinic_charge_destination(p_clinic uuid)
  RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.stripe_account_id FROM clinic_payment_accounts a WHERE a.clinic_id = p_clinic AND a.charges_enabled $$`;

/**
 * Keeps what Stripe answered for an account, unless a newer answer is kept already (two webhooks
 * processed at once); answers the account's clinic, or null for an account that is none of ours.
 */
export const CLINIC_PAYMENT_ACCOUNT_APPLY = `CREATE OR REPLACE FUNCTION clinic_payment_account_apply(p_account text,
    p_charges boolean, p_payouts boolean, p_details boolean, p_due text[], p_disabled text, p_observed timestamptz)
  RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE v_clinic uuid;
  BEGIN
    SELECT a.clinic_id INTO v_clinic FROM clinic_payment_accounts a WHERE a.stripe_account_id = p_account FOR UPDATE;
    IF v_clinic IS NULL THEN RETURN NULL; END IF;
    UPDATE clinic_payment_accounts a SET charges_enabled = p_charges, payouts_enabled = p_payouts,
        details_submitted = p_details, requirements_due = coalesce(p_due, '{}'), disabled_reason = p_disabled,
        status_observed_at = p_observed, updated_at = now()
     WHERE a.clinic_id = v_clinic AND (a.status_observed_at IS NULL OR a.status_observed_at <= p_observed);
    RETURN v_clinic;
  END $$`;

/** The clinic a connected account is of, or null: a webhook asks before it asks Stripe about the account. */
export const CLINIC_OF_PAYMENT_ACCOUNT = `CREATE OR REPLACE FUNCTION clinic_of_payment_account(p_account text)
  RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.clinic_id FROM clinic_payment_accounts a WHERE a.stripe_account_id = p_account $$`;

export const PAYOUT_FUNCTIONS = [
  PAYMENT_ACCOUNT_IS_CLINIC_ADMIN,
  CLINIC_CHARGE_DESTINATION,
  CLINIC_PAYMENT_ACCOUNT_APPLY,
  CLINIC_OF_PAYMENT_ACCOUNT,
];

export const PAYOUT_POLICIES = [
  `CREATE POLICY clinic_payment_accounts_read ON clinic_payment_accounts FOR SELECT
     USING (payment_account_is_clinic_admin(clinic_id))`,
  `CREATE POLICY clinic_payment_accounts_create ON clinic_payment_accounts FOR INSERT
     WITH CHECK (payment_account_is_clinic_admin(clinic_id) AND created_by = app_current_user_id()
       AND NOT charges_enabled)`,
];
