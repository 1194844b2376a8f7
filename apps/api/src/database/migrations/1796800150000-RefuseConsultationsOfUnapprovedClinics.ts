import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OPERATOR_POLICIES, SUSPENSION_FUNCTIONS, SUSPENSION_FUNCTION_SIGNATURES } from '../../operators/operators.schema';

/**
 * An unapproved clinic makes no new consultation of any kind: the consultation insert policy asks
 * app_clinic_takes_bookings as the booking insert policy does, so an on-demand invitation (or a
 * booking accepted) of a pending, refused or suspended clinic is refused by the database whatever
 * the service checked. A suspension closes the clinic's on-demand consultations still to come
 * (clinic_suspension_consultations). Current definitions: apps/api/src/operators/operators.schema.ts.
 */
export class RefuseConsultationsOfUnapprovedClinics1796800150000 implements MigrationInterface {
  name = 'RefuseConsultationsOfUnapprovedClinics1796800150000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP POLICY consultations_insert ON consultations');
    await run(OPERATOR_POLICIES.consultationsInsert);
    for (const definition of Object.values(SUSPENSION_FUNCTIONS)) await run(definition);
    for (const signature of SUSPENSION_FUNCTION_SIGNATURES) {
      await run(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${signature} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const signature of SUSPENSION_FUNCTION_SIGNATURES) await run(`DROP FUNCTION ${signature}`);
    await run('DROP POLICY consultations_insert ON consultations');
    await run(`CREATE POLICY consultations_insert ON consultations FOR INSERT WITH CHECK (
      consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id()
      AND EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.clinic_id = consultations.clinic_id
        AND m.user_id = app_current_user_id() AND m.role = 'consultant')
      AND app_pet_belongs_to(pet_id, owner_id)
      AND (status = 'invited' OR EXISTS (SELECT 1 FROM bookings b WHERE b.consultant_id = app_current_user_id()
        AND b.owner_id = consultations.owner_id AND b.pet_id = consultations.pet_id
        AND b.status IN ('pending_acceptance', 'confirmed'))))`);
  }
}
