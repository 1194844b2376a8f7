/**
 * The current definition of clinic onboarding and platform operators in PostgreSQL (migrations are
 * its history: 1796800100000-OnboardClinicsThroughPlatformOperators). An operator is a row in
 * platform_operators; app_is_platform_operator() is what every policy and function below asks.
 * Operators read clinics (every column here, never a clinic's patients, pets, chats, bookings or
 * recordings: no other table's policy names them), and change a clinic's status only through
 * clinic_set_status, since a column grant on status would reach the clinic's own admins too.
 */
export const OPERATOR_FUNCTIONS = {
  isOperator: `CREATE OR REPLACE FUNCTION app_is_platform_operator() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM platform_operators WHERE user_id = app_current_user_id()) $$`,
  /** Whether the acting person's e-mail address is verified: only such an account applies for a clinic. */
  isVerified: `CREATE OR REPLACE FUNCTION app_current_user_is_verified() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM users WHERE id = app_current_user_id() AND email_verified_at IS NOT NULL) $$`,
  /** For the directory and bookings: an approved clinic. */
  isApproved: `CREATE OR REPLACE FUNCTION app_clinic_is_approved(p_clinic uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM clinics WHERE id = p_clinic AND status = 'approved') $$`,
  /**
   * A new booking's check: the clinic is approved, read under a share lock on its row, so a
   * suspension (which updates the row) waits for a booking being made to commit, and then finds it
   * among the bookings to cancel; a booking made after the suspension sees it and is refused.
   */
  takesBookings: `CREATE OR REPLACE FUNCTION app_clinic_takes_bookings(p_clinic uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE found clinic_status;
    BEGIN
      SELECT status INTO found FROM clinics WHERE id = p_clinic FOR SHARE;
      RETURN found = 'approved';
    END $$`,
  /**
   * An operator moves a clinic from one status to another, with the reason: approve, refuse, suspend or
   * reinstate (CLINIC_TRANSITIONS), no other move; false when the clinic was not in p_from. Approving a
   * pending clinic makes its applicant its first clinic admin.
   */
  setStatus: `CREATE OR REPLACE FUNCTION clinic_set_status(p_clinic uuid, p_from clinic_status, p_to clinic_status,
      p_reason text)
    RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE applicant uuid;
    BEGIN
      IF NOT app_is_platform_operator() THEN
        RAISE EXCEPTION 'only a platform operator changes a clinic''s status' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (p_from, p_to) NOT IN (('pending', 'approved'), ('pending', 'refused'), ('approved', 'suspended'),
                                ('suspended', 'approved')) THEN
        RAISE EXCEPTION 'a clinic does not move from % to %', p_from, p_to USING ERRCODE = 'invalid_parameter_value';
      END IF;
      UPDATE clinics SET status = p_to, status_reason = p_reason, status_changed_at = now(),
             status_changed_by = app_current_user_id()
       WHERE id = p_clinic AND status = p_from
       RETURNING applicant_user_id INTO applicant;
      IF NOT FOUND THEN RETURN false; END IF;
      IF p_from = 'pending' AND p_to = 'approved' AND applicant IS NOT NULL THEN
        INSERT INTO clinic_memberships (id, clinic_id, user_id, role)
        VALUES (gen_random_uuid(), p_clinic, applicant, 'clinic_admin') ON CONFLICT DO NOTHING;
      END IF;
      RETURN true;
    END $$`,
  /**
   * A suspended clinic's bookings still to come, for cancelling: its live holds are expired here
   * (status 'expired' in the answer); requests and confirmed bookings are answered for the service
   * to decline or cancel as their consultant, which refunds them. Operators only; suspended only.
   */
  suspensionBookings: `CREATE OR REPLACE FUNCTION clinic_suspension_bookings(p_clinic uuid)
    RETURNS TABLE (booking_id uuid, consultant_id uuid, status booking_status)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    #variable_conflict use_column
    BEGIN
      IF NOT app_is_platform_operator() THEN
        RAISE EXCEPTION 'only a platform operator cancels a clinic''s bookings'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM clinics c WHERE c.id = p_clinic AND c.status = 'suspended') THEN RETURN; END IF;
      RETURN QUERY UPDATE bookings b SET status = 'expired', updated_at = now()
        WHERE b.clinic_id = p_clinic AND b.status = 'held' RETURNING b.id, b.consultant_id, b.status;
      RETURN QUERY SELECT b.id, b.consultant_id, b.status FROM bookings b
        WHERE b.clinic_id = p_clinic AND b.status IN ('pending_acceptance', 'confirmed') AND b.starts_at > now()
        ORDER BY b.starts_at;
    END $$`,
  /**
   * Grants operator to the account with that confirmed address (null: no such account). Operators
   * only. Unconfirmed, the address proves nothing: whoever registered it first would be granted.
   */
  grant: `CREATE OR REPLACE FUNCTION platform_operator_grant(p_email citext)
    RETURNS TABLE (user_id uuid, granted boolean)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    #variable_conflict use_column
    DECLARE account uuid;
    BEGIN
      IF NOT app_is_platform_operator() THEN
        RAISE EXCEPTION 'only a platform operator grants operator' USING ERRCODE = 'insufficient_privilege';
      END IF;
      SELECT u.id INTO account FROM users u WHERE u.email = p_email AND u.email_verified_at IS NOT NULL;
      IF account IS NULL THEN RETURN; END IF;
      INSERT INTO platform_operators (user_id, granted_by) VALUES (account, app_current_user_id())
        ON CONFLICT DO NOTHING;
      RETURN QUERY SELECT account, FOUND;
    END $$`,
} as const;

export const OPERATOR_FUNCTION_SIGNATURES = [
  'app_is_platform_operator()',
  'app_current_user_is_verified()',
  'app_clinic_is_approved(uuid)',
  'app_clinic_takes_bookings(uuid)',
  'clinic_set_status(uuid, clinic_status, clinic_status, text)',
  'clinic_suspension_bookings(uuid)',
  'platform_operator_grant(citext)',
] as const;

/** Added by 1796800150000-RefuseConsultationsOfUnapprovedClinics: what a suspension does to consultations. */
export const SUSPENSION_FUNCTIONS = {
  /**
   * A suspended clinic's on-demand consultations still to come: invitations waiting for the owner's
   * answer expire, accepted ones not yet started are cancelled (a booked consultation goes with its
   * booking). Answers each with its new status. Operators only; suspended only.
   */
  suspensionConsultations: `CREATE OR REPLACE FUNCTION clinic_suspension_consultations(p_clinic uuid)
    RETURNS TABLE (consultation_id uuid, status consultation_status)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    #variable_conflict use_column
    BEGIN
      IF NOT app_is_platform_operator() THEN
        RAISE EXCEPTION 'only a platform operator closes a clinic''s consultations'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM clinics k WHERE k.id = p_clinic AND k.status = 'suspended') THEN RETURN; END IF;
      RETURN QUERY UPDATE consultations c SET status = 'expired', updated_at = now()
        WHERE c.clinic_id = p_clinic AND c.status = 'invited' RETURNING c.id, c.status;
      RETURN QUERY UPDATE consultations c SET status = 'cancelled', updated_at = now()
        WHERE c.clinic_id = p_clinic AND c.status IN ('scheduled', 'waiting')
          AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.consultation_id = c.id)
        RETURNING c.id, c.status;
    END $$`,
} as const;

export const SUSPENSION_FUNCTION_SIGNATURES = ['clinic_suspension_consultations(uuid)'] as const;

/**
 * Added by 1796800160000-CancelSuspendedClinicsBookingsInTheBackground: a suspension's paid bookings
 * are cancelled by a background pass (ClinicSuspensionPass), not in the operator's request. The
 * work is the bookings themselves (a suspended clinic's requests and confirmed bookings still to
 * come, as of the suspension), so the pass is resumable, and each booking is answered under its
 * row lock, so two passes at once cancel (and refund) it once.
 */
export const SUSPENSION_PASS_FUNCTIONS = {
  /** The platform's pass: up to p_limit bookings of suspended clinics still to cancel, soonest first. */
  work: `CREATE OR REPLACE FUNCTION clinic_suspension_work(p_limit integer)
    RETURNS TABLE (booking_id uuid, clinic_id uuid, consultant_id uuid, status booking_status)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT b.id, b.clinic_id, b.consultant_id, b.status FROM bookings b JOIN clinics c ON c.id = b.clinic_id
     WHERE c.status = 'suspended' AND b.status IN ('pending_acceptance', 'confirmed')
       AND b.starts_at > c.status_changed_at AND b.starts_at > now()
     ORDER BY b.starts_at, b.id LIMIT least(greatest(p_limit, 1), 500) $$`,
  /**
   * How far a suspended clinic's pass has come: bookings declined or cancelled since the suspension
   * (that were to start after it), and those still to cancel. Operators only (they read no booking).
   */
  progress: `CREATE OR REPLACE FUNCTION clinic_suspension_progress(p_clinic uuid)
    RETURNS TABLE (done integer, remaining integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    #variable_conflict use_column
    DECLARE since timestamptz;
    BEGIN
      IF NOT app_is_platform_operator() THEN
        RAISE EXCEPTION 'only a platform operator reads a suspension''s progress'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      SELECT c.status_changed_at INTO since FROM clinics c WHERE c.id = p_clinic AND c.status = 'suspended';
      IF since IS NULL THEN RETURN; END IF;
      RETURN QUERY SELECT
        count(*) FILTER (WHERE b.status IN ('declined', 'cancelled') AND b.updated_at >= since)::integer,
        count(*) FILTER (WHERE b.status IN ('pending_acceptance', 'confirmed') AND b.starts_at > now())::integer
        FROM bookings b WHERE b.clinic_id = p_clinic AND b.starts_at > since;
    END $$`,
} as const;

export const SUSPENSION_PASS_FUNCTION_SIGNATURES = [
  'clinic_suspension_work(integer)',
  'clinic_suspension_progress(uuid)',
] as const;

export const OPERATOR_POLICIES = {
  operatorsVisible: `CREATE POLICY platform_operators_visible ON platform_operators FOR SELECT
    USING (user_id = app_current_user_id() OR app_is_platform_operator())`,
  /** Revoking goes through the table: any operator may revoke any (the service keeps the last one). */
  operatorsDelete: `CREATE POLICY platform_operators_delete ON platform_operators FOR DELETE
    USING (app_is_platform_operator())`,
  clinicsOfOperators: 'CREATE POLICY clinics_operator ON clinics FOR SELECT USING (app_is_platform_operator())',
  clinicsOfApplicant: `CREATE POLICY clinics_applicant ON clinics FOR SELECT
    USING (applicant_user_id = app_current_user_id())`,
  /** A verified account applies for itself, as pending; everything an operator decides is theirs. */
  clinicsApply: `CREATE POLICY clinics_apply ON clinics FOR INSERT WITH CHECK (
    applicant_user_id = app_current_user_id() AND status = 'pending' AND app_current_user_is_verified())`,
  /** Operators read the accounts of applicants and of other operators (names and addresses, as granted). */
  usersOfOperators: `CREATE POLICY users_seen_by_operators ON users FOR SELECT USING (app_is_platform_operator() AND (
    EXISTS (SELECT 1 FROM platform_operators p WHERE p.user_id = users.id)
    OR EXISTS (SELECT 1 FROM clinics c WHERE c.applicant_user_id = users.id)))`,
  /** Only approved clinics' published consultants are in the directory (and so can be booked). */
  profilesVisible: `CREATE POLICY consultant_profiles_visible ON consultant_profiles FOR SELECT USING (
    (published AND app_is_clinic_consultant(clinic_id, consultant_id) AND app_clinic_is_approved(clinic_id))
    OR consultant_id = app_current_user_id()
    OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
      WHERE m.clinic_id = consultant_profiles.clinic_id AND m.user_id = app_current_user_id()
        AND m.role = 'clinic_admin')))`,
  clinicsOfPublished: `CREATE POLICY clinics_of_published_consultants ON clinics FOR SELECT USING (
    status = 'approved'
    AND EXISTS (SELECT 1 FROM consultant_profiles p WHERE p.clinic_id = clinics.id AND p.published))`,
  /** A new booking needs an approved clinic, whatever the service checked before. */
  bookingsInsert: `CREATE POLICY bookings_insert ON bookings FOR INSERT WITH CHECK (
    owner_id = app_current_user_id() AND status = 'held' AND consultation_id IS NULL
    AND app_pet_belongs_to(pet_id, owner_id) AND app_is_clinic_consultant(clinic_id, consultant_id)
    AND app_clinic_takes_bookings(clinic_id))`,
  /**
   * A consultation is made (an invitation sent, a booking accepted) only in an approved clinic,
   * read under the same share lock as a booking's (app_clinic_takes_bookings).
   */
  consultationsInsert: `CREATE POLICY consultations_insert ON consultations FOR INSERT WITH CHECK (
    consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id()
    AND EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.clinic_id = consultations.clinic_id
      AND m.user_id = app_current_user_id() AND m.role = 'consultant')
    AND app_pet_belongs_to(pet_id, owner_id)
    AND (status = 'invited' OR EXISTS (SELECT 1 FROM bookings b WHERE b.consultant_id = app_current_user_id()
      AND b.owner_id = consultations.owner_id AND b.pet_id = consultations.pet_id
      AND b.status IN ('pending_acceptance', 'confirmed')))
    AND app_clinic_takes_bookings(clinic_id))`,
} as const;
