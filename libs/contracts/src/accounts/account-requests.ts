import { Equals, IsBoolean, IsEmail, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import type { RegisterAccountPayload, SignInPayload } from './account-payloads';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export class RegisterAccountRequest implements RegisterAccountPayload {
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email!: string;

  // Strength beyond length is judged by the server's password policy (common passwords, the e-mail in it, …).
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @IsString()
  @Length(1, 100)
  displayName!: string;

  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as UA' })
  country!: string;

  @IsString()
  @Length(1, 64)
  timeZone!: string;

  @IsBoolean()
  @Equals(true, { message: 'adultConfirmed must be true: Vetmeet accounts are for people 18 or older' })
  adultConfirmed!: boolean;

  @IsString()
  @Length(1, 32)
  privacyPolicyVersion!: string;
}

export class SignInRequest implements SignInPayload {
  @IsString()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
