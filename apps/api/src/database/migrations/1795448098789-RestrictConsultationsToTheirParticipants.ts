import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who sees what of a consultation, in the database itself:
 * - a consultation is visible to its owner and its consultant (whatever clinic they act in:
 *   sockets act with none), and to the admins of its clinic acting in it; never to other
 *   staff of the clinic. Only a consultant of the clinic, acting in it, creates one, for
 *   themselves and for a pet of the named owner; only participants change one; nobody deletes;
 * - through a consultation, its consultant reads that one pet (unless it was cancelled) and the
 *   owner's account row (the service shows name, country and time zone only); the owner reads
 *   the consultant's row and the clinic's name;
 * - chat keys, messages and shared files are the participants' alone, append-only, and
 *   nothing is added to a cancelled consultation;
 * - three narrow SECURITY DEFINER functions do what no participant's rows can: find a
 *   registered owner's pet by e-mail and name (for a consultant acting in a clinic), show the
 *   pet's name and species on a participant's consultations, and close lapsed ones.
 */
export class RestrictConsultationsToTheirParticipants1795448098789 implements MigrationInterface {
  name = 'RestrictConsultationsToTheirParticipants1795448098789';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const table of TABLES) await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);

    await run(`CREATE FUNCTION app_is_consultation_participant(p_consultation uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM consultations c WHERE c.id = p_consultation
        AND (c.owner_id = app_current_user_id() OR c.consultant_id = app_current_user_id())) $$`);
    await run(`CREATE FUNCTION app_can_add_to_consultation(p_consultation uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM consultations c WHERE c.id = p_consultation AND c.status <> 'cancelled'
        AND (c.owner_id = app_current_user_id() OR c.consultant_id = app_current_user_id())) $$`);
    // A consultant cannot see an owner's pets before the consultation exists: this answers only whether the pair fits.
    await run(`CREATE FUNCTION app_pet_belongs_to(p_pet uuid, p_owner uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM pets WHERE id = p_pet AND owner_id = p_owner) $$`);

    await run('GRANT SELECT, INSERT ON consultations TO vetmeet_app');
    await run('GRANT UPDATE (status, room_password_hash, room_locked, started_at, ended_at, updated_at) ON consultations TO vetmeet_app');
    await run(`CREATE POLICY consultations_visible ON consultations FOR SELECT USING (
      owner_id = app_current_user_id() OR consultant_id = app_current_user_id()
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = consultations.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
    await run(`CREATE POLICY consultations_insert ON consultations FOR INSERT WITH CHECK (
      consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id()
      AND EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.clinic_id = consultations.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'consultant')
      AND app_pet_belongs_to(pet_id, owner_id))`);
    await run(`CREATE POLICY consultations_update ON consultations FOR UPDATE
      USING (owner_id = app_current_user_id() OR consultant_id = app_current_user_id())
      WITH CHECK (owner_id = app_current_user_id() OR consultant_id = app_current_user_id())`);

    await run(`CREATE POLICY pets_consultant ON pets FOR SELECT USING (EXISTS (SELECT 1 FROM consultations c
      WHERE c.pet_id = pets.id AND c.consultant_id = app_current_user_id() AND c.status <> 'cancelled'))`);
    await run(`CREATE POLICY users_consultation_counterpart ON users FOR SELECT USING (EXISTS (SELECT 1 FROM consultations c
      WHERE (c.owner_id = users.id AND c.consultant_id = app_current_user_id())
         OR (c.consultant_id = users.id AND c.owner_id = app_current_user_id())))`);
    await run(`CREATE POLICY clinics_consultation_participant ON clinics FOR SELECT USING (EXISTS (SELECT 1 FROM consultations c
      WHERE c.clinic_id = clinics.id AND (c.owner_id = app_current_user_id() OR c.consultant_id = app_current_user_id())))`);

    await run('GRANT SELECT, INSERT ON consultation_chat_keys TO vetmeet_app');
    await run(`CREATE POLICY chat_keys_participants ON consultation_chat_keys FOR SELECT USING (app_is_consultation_participant(consultation_id))`);
    await run(`CREATE POLICY chat_keys_insert ON consultation_chat_keys FOR INSERT WITH CHECK (app_can_add_to_consultation(consultation_id))`);
    await run('GRANT SELECT, INSERT ON consultation_files TO vetmeet_app');
    await run(`CREATE POLICY files_participants ON consultation_files FOR SELECT USING (app_is_consultation_participant(consultation_id))`);
    await run(`CREATE POLICY files_insert ON consultation_files FOR INSERT
      WITH CHECK (uploader_id = app_current_user_id() AND app_can_add_to_consultation(consultation_id))`);
    await run('GRANT SELECT, INSERT ON consultation_messages TO vetmeet_app');
    await run(`CREATE POLICY messages_participants ON consultation_messages FOR SELECT USING (app_is_consultation_participant(consultation_id))`);
    await run(`CREATE POLICY messages_insert ON consultation_messages FOR INSERT WITH CHECK (
      sender_id = app_current_user_id() AND app_can_add_to_consultation(consultation_id)
      AND (file_id IS NULL OR EXISTS (SELECT 1 FROM consultation_files f WHERE f.id = file_id AND f.consultation_id = consultation_messages.consultation_id)))`);

    // Only for a consultant acting in a clinic, and only an owner whose address is verified (an
    // unverified one may not be theirs); the oldest pet of that name when there are several.
    await run(`CREATE FUNCTION consultation_find_owner_pet(p_email citext, p_pet_name text)
      RETURNS TABLE (owner_id uuid, pet_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT u.id, p.id FROM users u JOIN pets p ON p.owner_id = u.id
       WHERE u.email = p_email AND u.email_verified_at IS NOT NULL AND lower(p.name) = lower(p_pet_name)
         AND u.id <> app_current_user_id()
         AND EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.user_id = app_current_user_id() AND m.clinic_id = app_current_clinic_id() AND m.role = 'consultant')
       ORDER BY p.created_at, p.id LIMIT 1 $$`);
    // The pet's name and species stay on its consultations for both participants, even where
    // the consultant no longer reads the pet's record (a cancelled consultation).
    await run(`CREATE FUNCTION consultation_pet_summaries(p_ids uuid[])
      RETURNS TABLE (consultation_id uuid, pet_id uuid, name text, species text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT c.id, p.id, p.name, p.species FROM consultations c JOIN pets p ON p.id = c.pet_id
       WHERE c.id = ANY (p_ids) AND (c.owner_id = app_current_user_id() OR c.consultant_id = app_current_user_id()) $$`);
    // The sweep acts for nobody in particular: it ends calls and marks no-shows once a join window closed.
    await run(`CREATE FUNCTION consultations_close_lapsed(p_close_after interval)
      RETURNS TABLE (consultation_id uuid, clinic_id uuid, status consultation_status)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE consultations SET
        status = CASE WHEN consultations.status = 'in_progress' THEN 'ended'::consultation_status ELSE 'no_show'::consultation_status END,
        ended_at = CASE WHEN consultations.status = 'in_progress' THEN consultations.ends_at + greatest(p_close_after, interval '0') ELSE consultations.ended_at END,
        updated_at = now()
       WHERE consultations.status IN ('scheduled', 'waiting', 'in_progress') AND consultations.ends_at + greatest(p_close_after, interval '0') <= now()
      RETURNING consultations.id, consultations.clinic_id, consultations.status $$`);

    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const [policy, table] of [
      ['messages_insert', 'consultation_messages'],
      ['messages_participants', 'consultation_messages'],
      ['files_insert', 'consultation_files'],
      ['files_participants', 'consultation_files'],
      ['chat_keys_insert', 'consultation_chat_keys'],
      ['chat_keys_participants', 'consultation_chat_keys'],
      ['clinics_consultation_participant', 'clinics'],
      ['users_consultation_counterpart', 'users'],
      ['pets_consultant', 'pets'],
      ['consultations_update', 'consultations'],
      ['consultations_insert', 'consultations'],
      ['consultations_visible', 'consultations'],
    ]) {
      await run(`DROP POLICY ${policy} ON ${table}`);
    }
    for (const fn of [...FUNCTIONS].reverse()) await run(`DROP FUNCTION ${fn}`);
    for (const table of TABLES) {
      await run(`REVOKE ALL ON ${table} FROM vetmeet_app`);
      await run(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}

const TABLES = ['consultations', 'consultation_chat_keys', 'consultation_files', 'consultation_messages'];

const FUNCTIONS = [
  'app_is_consultation_participant(uuid)',
  'app_can_add_to_consultation(uuid)',
  'app_pet_belongs_to(uuid, uuid)',
  'consultation_find_owner_pet(citext, text)',
  'consultation_pet_summaries(uuid[])',
  'consultations_close_lapsed(interval)',
];
