import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface BootstrappedClinic {
  clinicId: string;
  adminUserId: string;
}

/**
 * Creates a clinic and makes an existing account its first clinic admin, who then invites
 * the rest of the staff. Runs as the schema owner (DATABASE_URL), outside row-level
 * security: no one acts in a clinic before it exists. For tests; real deployments onboard clinics
 * by application and a platform operator's approval (operators/). Audited like everything else.
 */
export async function bootstrapClinic(ownerDatabaseUrl: string, clinic: { name: string; adminEmail: string }): Promise<BootstrappedClinic> {
  const client = new Client({ connectionString: ownerDatabaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [clinic.adminEmail]);
    if (rows.length === 0) throw new Error('bootstrapClinic: no account has the admin address; register it first');
    const adminUserId = rows[0].id;
    const clinicId = randomUUID();
    const membershipId = randomUUID();
    // Made by hand, outside onboarding: approved from the start, like the clinics that predate it.
    const name = clinic.name.trim();
    await client.query(`INSERT INTO clinics (id, name, status) VALUES ($1, $2, 'approved')`, [clinicId, name]);
    await client.query("INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, 'clinic_admin')", [membershipId, clinicId, adminUserId]);
    const audit = `INSERT INTO audit_events (clinic_id, actor_user_id, actor_role, action, entity_type, entity_id, outcome) VALUES ($1, NULL, 'operator', $2, $3, $4, 'success')`;
    await client.query(audit, [clinicId, 'clinic.create', 'clinic', clinicId]);
    await client.query(audit, [clinicId, 'membership.create', 'membership', membershipId]);
    await client.query('COMMIT');
    return { clinicId, adminUserId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
