import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const LOGO_COLUMNS = ['logo_id', 'logo_content_type', 'logo_wrapped_key', 'logo_master_key_id'];
/** A logo is all four columns or none. */
const LOGO_WHOLE =
  `(${LOGO_COLUMNS.map((column) => `"${column}" IS NULL`).join(' AND ')}) OR ` +
  `(${LOGO_COLUMNS.map((column) => `"${column}" IS NOT NULL`).join(' AND ')})`;

/** A clinic is a tenant: the controller of the data created in its consultations. */
@Entity({ name: 'clinics' })
@Check('clinics_address_lines', 'cardinality("address_lines") <= 3')
@Check('clinics_address_country', `"address_country" ~ '^[A-Z]{2}$'`)
@Check('clinics_default_currency', `"default_currency" ~ '^[A-Z]{3}$'`)
@Check('clinics_directory_address', `"directory_address" IN ('none', 'city', 'full')`)
@Check('clinics_logo_whole', LOGO_WHOLE)
export class Clinic {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** IANA zone of the clinic (its new consultants start in it). */
  @Column('text', { name: 'time_zone', default: 'UTC' })
  timeZone!: string;

  // The clinic's profile, kept by its admins (clinic-profiles).
  @Column('text', { name: 'address_lines', array: true, default: () => "'{}'" })
  addressLines!: string[];

  @Column('varchar', { name: 'address_city', length: 100, default: '' })
  addressCity!: string;

  @Column('varchar', { name: 'address_postcode', length: 20, default: '' })
  addressPostcode!: string;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { name: 'address_country', length: 2, nullable: true })
  addressCountry!: string | null;

  /** ISO 4217: a new consultant's prices start in it. */
  @Column('char', { name: 'default_currency', length: 3, default: 'EUR' })
  defaultCurrency!: string;

  @Column('boolean', { name: 'directory_show_logo', default: false })
  directoryShowLogo!: boolean;

  /** 'none', 'city' or 'full': how much of the address the directory shows. */
  @Column('varchar', { name: 'directory_address', length: 8, default: 'none' })
  directoryAddress!: string;

  /** The logo, stored encrypted like consultant photos (clinic-logos/<id>, its own wrapped data key). */
  @Column('uuid', { name: 'logo_id', nullable: true })
  logoId!: string | null;

  @Column('varchar', { name: 'logo_content_type', length: 100, nullable: true })
  logoContentType!: string | null;

  @Column('bytea', { name: 'logo_wrapped_key', nullable: true, select: false })
  logoWrappedKey!: Buffer | null;

  @Column('text', { name: 'logo_master_key_id', nullable: true })
  logoMasterKeyId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
