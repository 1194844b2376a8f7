import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Consultation } from '../consultations/consultation.entity';

/**
 * A file shared in a consultation's chat. Like a pet attachment, the body lives in object
 * storage encrypted under its own data key, stored here only wrapped (context
 * `consultation-file:<id>`).
 */
@Entity({ name: 'consultation_files' })
export class ConsultationFile {
  @PrimaryColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid', { name: 'consultation_id' })
  consultationId!: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Consultation;

  @Column('uuid', { name: 'uploader_id' })
  uploaderId!: string;

  /** As the person named it; shown back, never used as a storage path. */
  @Column('text', { name: 'file_name' })
  fileName!: string;

  /** Decided from the file's content. */
  @Column('text', { name: 'content_type' })
  contentType!: string;

  @Column('bigint', { name: 'size_bytes' })
  sizeBytes!: string;

  @Column('text', { name: 'storage_key', unique: true })
  storageKey!: string;

  @Column('bytea', { name: 'wrapped_key', select: false })
  wrappedKey!: Buffer;

  @Index()
  @Column('text', { name: 'master_key_id' })
  masterKeyId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
