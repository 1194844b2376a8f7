import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Pet } from '../pets/pet.entity';

export enum AttachmentKind {
  Photo = 'photo',
  Video = 'video',
  LabResult = 'lab_result',
  DiagnosticImage = 'diagnostic_image',
}

/**
 * A file in a pet's record. The body lives in object storage, encrypted under its own
 * data key; the key is stored here only wrapped by a master key (id kept for rotation).
 */
@Entity({ name: 'pet_attachments' })
export class PetAttachment {
  @PrimaryColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid', { name: 'pet_id' })
  petId!: string;

  @ManyToOne(() => Pet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pet_id' })
  pet?: Pet;

  /** The pet's owner, repeated here so row-level security needs no join. */
  @Index()
  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @Column({ type: 'enum', enum: AttachmentKind, enumName: 'attachment_kind' })
  kind!: AttachmentKind;

  /** As the person named it; shown back to them, never used as a storage path. */
  @Column('text', { name: 'file_name' })
  fileName!: string;

  /** Decided from the file's content, not from what the upload claimed. */
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
