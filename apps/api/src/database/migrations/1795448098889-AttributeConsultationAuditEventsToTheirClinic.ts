import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events about a consultation (joins, locks, chat, shared files) are written by owners and
 * by sockets, which act in no clinic, so they used to be stored with no clinic and the
 * clinic's admins never saw them. A trigger now names the consultation's clinic on every
 * event about a consultation, its messages or its files, before the chain hashes the
 * event; the insert policy accepts exactly that clinic and no other. Nobody gains a read:
 * events stay readable only inside their clinic.
 */
export class AttributeConsultationAuditEventsToTheirClinic1795448098889 implements MigrationInterface {
  name = 'AttributeConsultationAuditEventsToTheirClinic1795448098889';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE FUNCTION audit_consultation_clinic(p_entity_type text, p_entity_id text) RETURNS uuid
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE v_id uuid;
      BEGIN
        IF p_entity_id IS NULL OR p_entity_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN NULL; END IF;
        v_id := p_entity_id::uuid;
        RETURN CASE p_entity_type
          WHEN 'consultation' THEN (SELECT c.clinic_id FROM consultations c WHERE c.id = v_id)
          WHEN 'consultation_message' THEN (SELECT c.clinic_id FROM consultation_messages m JOIN consultations c ON c.id = m.consultation_id WHERE m.id = v_id)
          WHEN 'consultation_file' THEN (SELECT c.clinic_id FROM consultation_files f JOIN consultations c ON c.id = f.consultation_id WHERE f.id = v_id)
          ELSE NULL
        END;
      END $$`);
    await run('REVOKE ALL ON FUNCTION audit_consultation_clinic(text, text) FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION audit_consultation_clinic(text, text) TO vetmeet_app');
    await run(`CREATE FUNCTION audit_events_attribute_clinic() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.clinic_id IS NULL THEN NEW.clinic_id := audit_consultation_clinic(NEW.entity_type, NEW.entity_id); END IF;
        RETURN NEW;
      END $$`);
    // Triggers fire in name order: "attribute" before "chain", so the hash covers the clinic.
    await run('CREATE TRIGGER audit_events_attribute_clinic BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_attribute_clinic()');
    await run('DROP POLICY audit_append ON audit_events');
    await run(`CREATE POLICY audit_append ON audit_events FOR INSERT WITH CHECK (
      clinic_id IS NULL OR clinic_id = app_current_clinic_id() OR clinic_id = audit_consultation_clinic(entity_type, entity_id))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP POLICY audit_append ON audit_events');
    await run('CREATE POLICY audit_append ON audit_events FOR INSERT WITH CHECK (clinic_id IS NULL OR clinic_id = app_current_clinic_id())');
    await run('DROP TRIGGER audit_events_attribute_clinic ON audit_events');
    await run('DROP FUNCTION audit_events_attribute_clinic()');
    await run('DROP FUNCTION audit_consultation_clinic(text, text)');
  }
}
