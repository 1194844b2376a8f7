import type { MigrationInterface, QueryRunner } from 'typeorm';

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/** The consultation's clinic for an audit event about it, or NULL while it is an invitation nobody accepted. */
const attribution = (hideInvitations: boolean) => `CREATE OR REPLACE FUNCTION audit_consultation_clinic(p_entity_type text, p_entity_id text)
  RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE v_id uuid; v_consultation uuid;
  BEGIN
    IF p_entity_id IS NULL OR p_entity_id !~* ${UUID} THEN RETURN NULL; END IF;
    v_id := p_entity_id::uuid;
    v_consultation := CASE p_entity_type
      WHEN 'consultation' THEN v_id
      WHEN 'consultation_message' THEN (SELECT m.consultation_id FROM consultation_messages m WHERE m.id = v_id)
      WHEN 'consultation_file' THEN (SELECT f.consultation_id FROM consultation_files f WHERE f.id = v_id)
      ELSE NULL
    END;
    RETURN (SELECT c.clinic_id FROM consultations c WHERE c.id = v_consultation
      ${hideInvitations ? `AND c.status NOT IN ('invited', 'declined', 'expired')` : ''});
  END $$`;

/**
 * An invitation that was never accepted is the owner's alone: its events (a decline, a refused
 * read, the sweep's expiry) must not reach the clinic's audit log, where its admins would learn
 * that the e-mail address and the pet name they typed matched an account.
 */
export class KeepInvitationsOutOfTheClinicAuditLog1796600300200 implements MigrationInterface {
  name = 'KeepInvitationsOutOfTheClinicAuditLog1796600300200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(attribution(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(attribution(false));
  }
}
