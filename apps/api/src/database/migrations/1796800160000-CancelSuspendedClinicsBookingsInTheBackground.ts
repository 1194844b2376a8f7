import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SUSPENSION_PASS_FUNCTIONS, SUSPENSION_PASS_FUNCTION_SIGNATURES } from '../../operators/operators.schema';

/**
 * A suspension's paid bookings are cancelled and refunded by a background pass rather than in the
 * operator's request (hundreds would time it out): clinic_suspension_work lists what is left for
 * the platform's pass, clinic_suspension_progress tells operators how far it came.
 * Current definitions: apps/api/src/operators/operators.schema.ts.
 */
export class CancelSuspendedClinicsBookingsInTheBackground1796800160000 implements MigrationInterface {
  name = 'CancelSuspendedClinicsBookingsInTheBackground1796800160000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const definition of Object.values(SUSPENSION_PASS_FUNCTIONS)) await run(definition);
    for (const signature of SUSPENSION_PASS_FUNCTION_SIGNATURES) {
      await run(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${signature} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const signature of SUSPENSION_PASS_FUNCTION_SIGNATURES) await queryRunner.query(`DROP FUNCTION ${signature}`);
  }
}
