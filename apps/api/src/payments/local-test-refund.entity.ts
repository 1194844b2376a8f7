import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalTestPaymentIntent } from './local-test-payment-intent.entity';

/** A refund of the local test payment mode: it succeeds as it is made (no money moved to begin with). */
@Entity({ name: 'local_test_refunds' })
@Check('local_test_refunds_amount_positive', '"amount" > 0')
export class LocalTestRefund {
  /** re_local_... */
  @PrimaryColumn('text')
  id!: string;

  @Index({ unique: true })
  @Column('text', { name: 'idempotency_key' })
  idempotencyKey!: string;

  @Index()
  @Column('text', { name: 'intent_id' })
  intentId!: string;

  @ManyToOne(() => LocalTestPaymentIntent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intent_id' })
  intent?: LocalTestPaymentIntent;

  @Column('integer')
  amount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
