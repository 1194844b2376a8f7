/**
 * Current definitions of the clinic profile's SQL (migrations are history; this is what the
 * database holds now). Columns are added to clinics by 1796800200000-AddClinicProfiles.
 *
 * A clinic's row is read as before (its members, and anyone while it lists a published
 * consultant: the directory). Only the clinic's own admins, acting in it, change it: the
 * earlier clinics_update let any member acting in the clinic write it.
 */

/** The acting person is a clinic admin of the clinic they act in, and that clinic is p_clinic. */
export const APP_IS_ACTING_CLINIC_ADMIN = `CREATE OR REPLACE FUNCTION app_is_acting_clinic_admin(p_clinic uuid)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p_clinic = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
    WHERE m.clinic_id = p_clinic AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin') $$`;

export const CLINICS_UPDATE_BY_ADMINS = `CREATE POLICY clinics_update_by_admins ON clinics FOR UPDATE
  USING (app_is_acting_clinic_admin(id)) WITH CHECK (app_is_acting_clinic_admin(id))`;

/** Columns of clinics the runtime role may change: never id, created_at or what operators decide. */
export const CLINIC_PROFILE_COLUMNS = [
  'name',
  'time_zone',
  'address_lines',
  'address_city',
  'address_postcode',
  'address_country',
  'default_currency',
  'directory_show_logo',
  'directory_address',
  'logo_id',
  'logo_content_type',
  'logo_wrapped_key',
  'logo_master_key_id',
  'updated_at',
] as const;
