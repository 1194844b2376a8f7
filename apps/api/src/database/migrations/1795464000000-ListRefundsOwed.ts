import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decline or a cancellation commits its refund decision (bookings.refund_amount) before the
 * refund is asked of the payment provider, outside the transaction. If that call fails (the
 * provider is down, the process stops), nothing else would ever ask again: the booking is no
 * longer in a state anyone acts on. bookings_refunds_owed lists, for the booking sweep, paid
 * bookings whose decision owes money and that have no refund at all yet, with the reason the
 * refund is filed under (the same reason as the first try, so the provider's idempotency key
 * makes a late duplicate harmless). A minute's grace leaves the request's own try alone.
 * SECURITY DEFINER: the sweep acts for nobody; it returns ids and a reason only.
 */
export class ListRefundsOwed1795464000000 implements MigrationInterface {
  name = 'ListRefundsOwed1795464000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION bookings_refunds_owed()
      RETURNS TABLE (booking_id uuid, reason text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT b.id,
             CASE WHEN b.status = 'declined' THEN 'declined'
                  WHEN b.cancelled_by = 'owner' THEN 'cancelled_by_owner'
                  ELSE 'cancelled_by_consultant' END
        FROM bookings b JOIN payments p ON p.booking_id = b.id
       WHERE b.status IN ('declined', 'cancelled') AND b.refund_amount > 0
         AND b.updated_at < now() - interval '1 minute'
         AND p.status = 'succeeded'
         AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = p.id)
       ORDER BY b.updated_at LIMIT 100 $$`);
    await queryRunner.query('REVOKE ALL ON FUNCTION bookings_refunds_owed() FROM PUBLIC');
    await queryRunner.query('GRANT EXECUTE ON FUNCTION bookings_refunds_owed() TO vetmeet_app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION bookings_refunds_owed()');
  }
}
