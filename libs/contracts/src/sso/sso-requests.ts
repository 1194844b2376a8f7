import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  JUST_IN_TIME_ROLES,
  type JustInTimeRoleValue,
  type SaveSsoSettingsPayload,
  type SsoStartPayload,
} from './sso-payloads';

/** A host name of two or more labels, lower case: what follows the @ of an e-mail address. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export class SaveSsoSettingsRequest implements SaveSsoSettingsPayload {
  // Loopback http issuers are allowed by the service outside production only.
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  issuer!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(255)
  clientId!: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  clientSecret?: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(DOMAIN, { each: true, message: 'each domain must be a lower-case host name such as clinic.example' })
  domains!: string[];

  @IsBoolean()
  justInTimeMembership!: boolean;

  @IsIn(JUST_IN_TIME_ROLES)
  justInTimeRole!: JustInTimeRoleValue;
}

export class SsoStartRequest implements SsoStartPayload {
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email!: string;
}
