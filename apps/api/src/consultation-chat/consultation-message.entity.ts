import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Consultation } from '../consultations/consultation.entity';
import { ConsultationFile } from './consultation-file.entity';

/**
 * One chat message of a consultation: text (encrypted under the consultation's chat key),
 * a shared file, or both. Append-only. The client's id makes a retried send store one message.
 */
@Entity({ name: 'consultation_messages' })
@Index(['consultationId', 'senderId', 'clientMessageId'], { unique: true })
@Index(['consultationId', 'createdAt'])
@Check('consultation_messages_has_content', '"text_encrypted" IS NOT NULL OR "file_id" IS NOT NULL')
export class ConsultationMessage {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'consultation_id' })
  consultationId!: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Consultation;

  @Column('uuid', { name: 'sender_id' })
  senderId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_id' })
  sender?: User;

  @Column('uuid', { name: 'client_message_id' })
  clientMessageId!: string;

  /** AES-256-GCM (libs/crypto buffer format) of the message id and the text. */
  @Column('bytea', { name: 'text_encrypted', nullable: true })
  textEncrypted!: Buffer | null;

  @Index()
  @Column('uuid', { name: 'file_id', nullable: true })
  fileId!: string | null;

  @ManyToOne(() => ConsultationFile)
  @JoinColumn({ name: 'file_id' })
  file?: ConsultationFile;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
