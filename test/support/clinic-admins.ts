import { randomInt } from 'node:crypto';
import { asSchemaOwner, signUp, type AppUnderTest, type FixturePerson } from './consultations';

export type ClinicAdmin = FixturePerson & {
  clinicId: string;
  /** CSRF plus X-Clinic-Id: the admin acting in the clinic. */
  inClinic: { 'X-CSRF-Token': string; 'X-Clinic-Id': string };
};

/** Test fixture: a signed-in account made an admin of the clinic by the schema owner (invitations are mailed). */
export async function addClinicAdmin(
  app: AppUnderTest,
  clinicId: string,
  displayName = 'Iryna Bondar',
): Promise<ClinicAdmin> {
  const person = await signUp(app.baseUrl, `198.51.100.${randomInt(1, 255)}`, { displayName });
  await asSchemaOwner(app.database.url, (db) =>
    db.query(
      `INSERT INTO clinic_memberships (id, clinic_id, user_id, role)
       VALUES (gen_random_uuid(), $1, $2, 'clinic_admin')`,
      [clinicId, person.userId],
    ),
  );
  return { ...person, clinicId, inClinic: { ...person.csrf, 'X-Clinic-Id': clinicId } };
}
