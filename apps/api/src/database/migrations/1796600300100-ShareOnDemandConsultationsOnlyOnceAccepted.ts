import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consultant used to create an on-demand consultation for any owner by e-mail and pet name
 * and read that pet's record at once, for as long as the consultation was not cancelled. Now:
 * - a consultant inserts an on-demand consultation only as 'invited' (a booked one only for a
 *   booking requested from them); until the owner accepts it, and for ever if they decline or
 *   let it expire, the consultant and the clinic's admins see nothing of it: not the row, not
 *   the owner's account row, not the pet or its summary. Even an "invitation sent" entry would
 *   tell the consultant that the e-mail and pet name matched, which the API's one answer hides;
 * - nobody adds chat keys, messages or files to an invitation;
 * - a consultant reads the pet's record (and photos shared with a booking) only until the
 *   consultation's join window closes: app_join_closes_after() is CONSULTATION_JOIN_CLOSES_MINUTES,
 *   which the app sets per transaction (app.join_closes_minutes); unset, the access ends with the
 *   scheduled end;
 * - the sweep marks an invitation nobody answered before its join window closed 'expired'.
 */
export class ShareOnDemandConsultationsOnlyOnceAccepted1796600300100 implements MigrationInterface {
  name = 'ShareOnDemandConsultationsOnlyOnceAccepted1796600300100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE FUNCTION app_join_closes_after() RETURNS interval LANGUAGE sql STABLE AS $$
      SELECT make_interval(mins => greatest(coalesce(nullif(current_setting('app.join_closes_minutes', true), '')::int, 0), 0)) $$`);
    await run('REVOKE ALL ON FUNCTION app_join_closes_after() FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION app_join_closes_after() TO vetmeet_app');
    await replaceRules(run, 'accepted');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await replaceRules(run, 'as before');
    await run('DROP FUNCTION app_join_closes_after()');
  }
}

type Rule = 'accepted' | 'as before';
type Run = (sql: string) => Promise<unknown>;

/** The statuses of an invitation nobody accepted (yet): the consultant's side sees none of them. */
const INVITATION = `('invited', 'declined', 'expired')`;

async function replaceRules(run: Run, rule: Rule): Promise<void> {
  const now = rule === 'accepted';
  const consultantSees = (alias: string) =>
    now ? `(${alias}.consultant_id = app_current_user_id() AND ${alias}.status NOT IN ${INVITATION})` : `${alias}.consultant_id = app_current_user_id()`;
  const shared = now ? `AND consultations.status NOT IN ${INVITATION}` : '';

  await run('DROP POLICY consultations_visible ON consultations');
  await run(`CREATE POLICY consultations_visible ON consultations FOR SELECT USING (
      owner_id = app_current_user_id() OR ${consultantSees('consultations')}
      OR (clinic_id = app_current_clinic_id() ${shared} AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = consultations.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
  await run('DROP POLICY consultations_update ON consultations');
  await run(`CREATE POLICY consultations_update ON consultations FOR UPDATE
      USING (owner_id = app_current_user_id() OR ${consultantSees('consultations')})
      WITH CHECK (owner_id = app_current_user_id() OR ${consultantSees('consultations')})`);
  await run('DROP POLICY consultations_insert ON consultations');
  await run(`CREATE POLICY consultations_insert ON consultations FOR INSERT WITH CHECK (
      consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id()
      AND EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.clinic_id = consultations.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'consultant')
      AND app_pet_belongs_to(pet_id, owner_id)
      ${now ? `AND (status = 'invited' OR EXISTS (SELECT 1 FROM bookings b WHERE b.consultant_id = app_current_user_id()
        AND b.owner_id = consultations.owner_id AND b.pet_id = consultations.pet_id AND b.status IN ('pending_acceptance', 'confirmed')))` : ''})`);

  const petStatus = now ? `c.status NOT IN ('cancelled', 'invited', 'declined', 'expired') AND c.ends_at + app_join_closes_after() > now()` : `c.status <> 'cancelled'`;
  await run('DROP POLICY pets_consultant ON pets');
  await run(`CREATE POLICY pets_consultant ON pets FOR SELECT USING (EXISTS (SELECT 1 FROM consultations c
      WHERE c.pet_id = pets.id AND c.consultant_id = app_current_user_id() AND ${petStatus}))`);
  await run('DROP POLICY users_consultation_counterpart ON users');
  await run(`CREATE POLICY users_consultation_counterpart ON users FOR SELECT USING (EXISTS (SELECT 1 FROM consultations c
      WHERE (c.owner_id = users.id AND ${consultantSees('c')})
         OR (c.consultant_id = users.id AND c.owner_id = app_current_user_id())))`);

  await run(`CREATE OR REPLACE FUNCTION app_is_consultation_participant(p_consultation uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM consultations c WHERE c.id = p_consultation
        AND (c.owner_id = app_current_user_id() OR ${consultantSees('c')})) $$`);
  await run(`CREATE OR REPLACE FUNCTION app_can_add_to_consultation(p_consultation uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM consultations c WHERE c.id = p_consultation
        AND ${now ? `c.status NOT IN ('cancelled', 'invited', 'declined', 'expired')` : `c.status <> 'cancelled'`}
        AND (c.owner_id = app_current_user_id() OR c.consultant_id = app_current_user_id())) $$`);
  await run(`CREATE OR REPLACE FUNCTION consultation_pet_summaries(p_ids uuid[])
      RETURNS TABLE (consultation_id uuid, pet_id uuid, name text, species text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT c.id, p.id, p.name, p.species FROM consultations c JOIN pets p ON p.id = c.pet_id
       WHERE c.id = ANY (p_ids) AND (c.owner_id = app_current_user_id() OR ${consultantSees('c')}) $$`);

  const bookingWindow = now ? 'AND b.ends_at + app_join_closes_after() > now()' : '';
  await run(`CREATE OR REPLACE FUNCTION app_is_paid_booking_consultant(p_pet uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM bookings b WHERE b.pet_id = p_pet AND b.consultant_id = app_current_user_id()
        AND b.status IN ('pending_acceptance', 'confirmed', 'no_show') ${bookingWindow}) $$`);
  await run(`CREATE OR REPLACE FUNCTION app_is_shared_booking_photo(p_attachment uuid, p_pet uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM bookings b WHERE b.pet_id = p_pet AND p_attachment = ANY (b.photo_attachment_ids)
        AND b.consultant_id = app_current_user_id() AND b.status IN ('pending_acceptance', 'confirmed', 'no_show') ${bookingWindow}) $$`);

  await run(`CREATE OR REPLACE FUNCTION consultations_close_lapsed(p_close_after interval)
      RETURNS TABLE (consultation_id uuid, clinic_id uuid, status consultation_status)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE consultations SET
        status = CASE WHEN consultations.status = 'in_progress' THEN 'ended'::consultation_status
          ${now ? `WHEN consultations.status = 'invited' THEN 'expired'::consultation_status` : ''}
          ELSE 'no_show'::consultation_status END,
        ended_at = CASE WHEN consultations.status = 'in_progress' THEN consultations.ends_at + greatest(p_close_after, interval '0') ELSE consultations.ended_at END,
        updated_at = now()
       WHERE consultations.status IN (${now ? `'invited', ` : ''}'scheduled', 'waiting', 'in_progress')
         AND consultations.ends_at + greatest(p_close_after, interval '0') <= now()
      RETURNING consultations.id, consultations.clinic_id, consultations.status $$`);
}
