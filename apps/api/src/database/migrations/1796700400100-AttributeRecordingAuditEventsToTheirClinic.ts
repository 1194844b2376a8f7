import type { MigrationInterface, QueryRunner } from 'typeorm';

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/** The consultation's clinic for an audit event about it (now also its recordings and their segments). */
const attribution = (withRecordings: boolean) => `CREATE OR REPLACE FUNCTION audit_consultation_clinic(p_entity_type text,
    p_entity_id text)
  RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE v_id uuid; v_consultation uuid;
  BEGIN
    IF p_entity_id IS NULL OR p_entity_id !~* ${UUID} THEN RETURN NULL; END IF;
    v_id := p_entity_id::uuid;
    v_consultation := CASE p_entity_type
      WHEN 'consultation' THEN v_id
      WHEN 'consultation_message' THEN (SELECT m.consultation_id FROM consultation_messages m WHERE m.id = v_id)
      WHEN 'consultation_file' THEN (SELECT f.consultation_id FROM consultation_files f WHERE f.id = v_id)
      ${
        withRecordings
          ? `WHEN 'recording' THEN (SELECT r.consultation_id FROM recordings r WHERE r.id = v_id)
      WHEN 'recording_segment' THEN (SELECT r.consultation_id FROM recording_segments s
        JOIN recordings r ON r.id = s.recording_id WHERE s.id = v_id)`
          : ''
      }
      ELSE NULL
    END;
    RETURN (SELECT c.clinic_id FROM consultations c WHERE c.id = v_consultation
      AND c.status NOT IN ('invited', 'declined', 'expired'));
  END $$`;

/**
 * A participant's reads of a recording (they act in no clinic) reach the clinic's audit log as
 * their reads of its chat files do: the event is attributed to the consultation's clinic.
 */
export class AttributeRecordingAuditEventsToTheirClinic1796700400100 implements MigrationInterface {
  name = 'AttributeRecordingAuditEventsToTheirClinic1796700400100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(attribution(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(attribution(false));
  }
}
