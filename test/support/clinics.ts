import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test fixture: a clinic, and staff roles for already registered accounts, written as the
 * schema owner (the app itself never creates clinics; an operator command will).
 */
export async function createClinicWithStaff(ownerUrl: string, name: string, staff: { userId: string; role: 'consultant' | 'support' | 'clinic_admin' }[]): Promise<string> {
  const clinicId = randomUUID();
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, $2, 'approved')`, [clinicId, name]);
    for (const member of staff) {
      await owner.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), clinicId, member.userId, member.role]);
    }
  } finally {
    await owner.end();
  }
  return clinicId;
}
