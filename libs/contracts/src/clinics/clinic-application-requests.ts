import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsIanaTimeZone } from '../validation/time-zone';
import type { ClinicApplicationPayload } from './clinic-application-payloads';
import { COUNTRY_CODES } from './countries';

/**
 * No control characters (line breaks included): these are shown in the operator console, the
 * directory and e-mails, and the clinic profile refuses them in the same name afterwards.
 */
const PRINTABLE = /^[^\p{Cc}]*$/u;

export class ClinicApplicationRequest implements ClinicApplicationPayload {
  @IsString()
  @Length(2, 120)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(PRINTABLE, { message: 'name must be printable text, on one line' })
  name!: string;

  @IsString()
  @Length(2, 200)
  @Matches(/\S/, { message: 'legalEntity must not be blank' })
  @Matches(PRINTABLE, { message: 'legalEntity must be printable text, on one line' })
  legalEntity!: string;

  @IsIn(COUNTRY_CODES, { message: 'country must be an ISO 3166-1 alpha-2 code such as UA' })
  country!: string;

  @IsIanaTimeZone()
  timeZone!: string;

  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'contactName must not be blank' })
  @Matches(PRINTABLE, { message: 'contactName must be printable text, on one line' })
  contactName!: string;

  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  contactEmail!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{5,30}$/, { message: 'contactPhone must be a phone number: digits, spaces, + ( ) . / -' })
  contactPhone?: string;
}
