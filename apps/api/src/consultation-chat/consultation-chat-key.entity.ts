import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Consultation } from '../consultations/consultation.entity';

/**
 * The data key that encrypts a consultation's chat messages, stored only wrapped by the
 * master key ring (context `consultation-chat:<consultation id>`). Made with the first message.
 */
@Entity({ name: 'consultation_chat_keys' })
export class ConsultationChatKey {
  @PrimaryColumn('uuid', { name: 'consultation_id' })
  consultationId!: string;

  @OneToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Consultation;

  @Column('bytea', { name: 'wrapped_key' })
  wrappedKey!: Buffer;

  /** Which master key wrapped it, for rotation. */
  @Index()
  @Column('text', { name: 'master_key_id' })
  masterKeyId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
