/**
 * The current definition of the consent ledger's rules in PostgreSQL (migrations are its history:
 * 1796700100000-CreateConsultationConsents). A row says that one person, at one moment, under one
 * privacy-policy version, granted or withdrew one purpose for one consultation; a withdrawal is a
 * new row, so the ledger is append-only for the runtime role (SELECT and INSERT of the columns a
 * person states, no UPDATE or DELETE, and a trigger refusing both to every role but the table's
 * owner). The clinic is taken from the consultation by a trigger, never from the app.
 */
export const CONSENT_PURPOSES = ['recording', 'support_review'] as const;

/** Who reads and who writes the ledger: the participants of the consultation, each only for themselves. */
export const CONSENT_POLICIES = {
  /**
   * Both participants read every row of their consultation (each needs to know whether the other
   * consented). app_is_consultation_participant hides an invitation not yet accepted from its
   * consultant; clinic admins, support staff and everyone else read nothing here.
   */
  visible: `CREATE POLICY consultation_consents_participants ON consultation_consents FOR SELECT
    USING (app_is_consultation_participant(consultation_id))`,
  /**
   * A person records only their own answer, for a consultation they take part in that is neither
   * cancelled nor an invitation nobody accepted (app_can_add_to_consultation).
   */
  insert: `CREATE POLICY consultation_consents_insert ON consultation_consents FOR INSERT
    WITH CHECK (user_id = app_current_user_id() AND app_can_add_to_consultation(consultation_id))`,
} as const;

export const CONSENT_FUNCTIONS = {
  /**
   * The consultation's clinic, whatever the app sent: SECURITY DEFINER so that a row for a
   * consultation its author cannot see still gets a clinic and is then refused by the policy
   * (42501), not by the NOT NULL constraint.
   */
  attributeClinic: `CREATE OR REPLACE FUNCTION consultation_consents_attribute_clinic() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      SELECT c.clinic_id INTO NEW.clinic_id FROM consultations c WHERE c.id = NEW.consultation_id;
      RETURN NEW;
    END $$`,
  /** Append-only: nobody but the table's owner (migrations, retention) changes or removes a row. */
  appendOnly: `CREATE OR REPLACE FUNCTION consultation_consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
        RAISE EXCEPTION 'the consent ledger is append-only: a withdrawal is a new row'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$`,
  /**
   * Whether the person's latest answer for the purpose is a grant (no answer: false). Not SECURITY
   * DEFINER: it reads under the caller's row-level security, so it answers false where the caller
   * may not see the ledger. Withdrawals win a tie of the same moment.
   */
  standing: `CREATE OR REPLACE FUNCTION consent_standing(p_consultation uuid, p_user uuid, p_purpose consent_purpose)
    RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT granted FROM consultation_consents
      WHERE consultation_id = p_consultation AND user_id = p_user AND purpose = p_purpose
      ORDER BY recorded_at DESC, granted ASC LIMIT 1), false) $$`,
} as const;

/** The latest row per (consultation, person, purpose), read with the caller's row-level security. */
export const CONSENT_STANDING_VIEW = `CREATE OR REPLACE VIEW consultation_consent_standing
  WITH (security_invoker = true) AS
  SELECT DISTINCT ON (consultation_id, user_id, purpose) consultation_id, user_id, purpose, granted, policy_version,
    recorded_at, clinic_id, id
  FROM consultation_consents
  ORDER BY consultation_id, user_id, purpose, recorded_at DESC, granted ASC`;
