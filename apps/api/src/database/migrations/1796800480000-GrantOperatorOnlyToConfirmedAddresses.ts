import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OPERATOR_FUNCTIONS } from '../../operators/operators.schema';

/**
 * An operator granted operator to whichever account had the address, confirmed or not; anyone may
 * register any address, so one who registered a future operator's address first was granted in
 * their place. platform_operator_grant now finds only an account whose address is confirmed.
 * Current definition: apps/api/src/operators/operators.schema.ts.
 */
export class GrantOperatorOnlyToConfirmedAddresses1796800480000 implements MigrationInterface {
  name = 'GrantOperatorOnlyToConfirmedAddresses1796800480000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(OPERATOR_FUNCTIONS.grant);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      OPERATOR_FUNCTIONS.grant.replace(' AND u.email_verified_at IS NOT NULL', ''),
    );
  }
}
