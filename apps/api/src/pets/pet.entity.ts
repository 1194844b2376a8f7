import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

export enum PetSex {
  Female = 'female',
  Male = 'male',
  Unknown = 'unknown',
}

/**
 * A pet and its record. Pets belong to their owner, not to a clinic: a clinic sees a pet
 * only through a consultation with that clinic.
 */
@Entity({ name: 'pets' })
export class Pet {
  @PrimaryColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column('text')
  name!: string;

  @Column('text')
  species!: string;

  @Column('text', { nullable: true })
  breed!: string | null;

  @Column('date', { name: 'birth_date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'enum', enum: PetSex, enumName: 'pet_sex', default: PetSex.Unknown })
  sex!: PetSex;

  @Column('numeric', { name: 'weight_kg', precision: 6, scale: 2, nullable: true })
  weightKg!: string | null;

  @Column('text', { nullable: true })
  allergies!: string | null;

  @Column('text', { name: 'medical_history', nullable: true })
  medicalHistory!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
