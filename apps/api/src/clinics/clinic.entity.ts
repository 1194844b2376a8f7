import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A clinic is a tenant: the controller of the data created in its consultations. */
@Entity({ name: 'clinics' })
export class Clinic {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
