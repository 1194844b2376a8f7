import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CHARGE_CURRENCY_CODES } from '../payments/charge-currencies';
import {
  CLINIC_ADDRESS_LINE_MAX,
  CLINIC_ADDRESS_MAX_LINES,
  CLINIC_DIRECTORY_ADDRESS,
  CLINIC_NAME_MAX,
  type ClinicAddressPayload,
  type ClinicDirectoryAddress,
  type ClinicDirectorySettingsPayload,
  type ClinicProfilePayload,
} from './clinic-profile-payloads';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const trimmedEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value,
  );
/** No control characters: the address is printed on cards and in e-mails. */
const PRINTABLE = /^[^\p{Cc}]*$/u;

export class ClinicAddressRequest implements ClinicAddressPayload {
  @trimmedEach()
  @IsArray()
  @ArrayMaxSize(CLINIC_ADDRESS_MAX_LINES)
  @IsString({ each: true })
  @MaxLength(CLINIC_ADDRESS_LINE_MAX, { each: true })
  @Matches(PRINTABLE, { each: true, message: '$property: each line must be printable text' })
  lines!: string[];

  @trimmed()
  @IsString()
  @MaxLength(100)
  @Matches(PRINTABLE, { message: '$property must be printable text' })
  city!: string;

  @trimmed()
  @IsString()
  @MaxLength(20)
  @Matches(/^[\p{L}\p{N} -]*$/u, { message: '$property may hold letters, digits, spaces and dashes' })
  postcode!: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code such as UA' })
  country!: string | null;
}

export class ClinicDirectorySettingsRequest implements ClinicDirectorySettingsPayload {
  @IsBoolean()
  showLogo!: boolean;

  @IsIn(CLINIC_DIRECTORY_ADDRESS)
  address!: ClinicDirectoryAddress;
}

export class ClinicProfileRequest implements ClinicProfilePayload {
  @trimmed()
  @IsString()
  @Length(1, CLINIC_NAME_MAX)
  @Matches(PRINTABLE, { message: '$property must be printable text' })
  name!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ClinicAddressRequest)
  address!: ClinicAddressRequest;

  @IsIn(CHARGE_CURRENCY_CODES, {
    message: '$property must be the upper-case ISO 4217 code of a currency Stripe charges cards in, e.g. EUR',
  })
  defaultCurrency!: string;

  @IsString()
  @Length(1, 64)
  timeZone!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ClinicDirectorySettingsRequest)
  directory!: ClinicDirectorySettingsRequest;
}
