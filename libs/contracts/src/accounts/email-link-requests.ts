import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './account-requests';
import type { EmailTokenPayload, PasswordResetConfirmPayload, PasswordResetPayload } from './email-link-payloads';

/** Tokens are 43 characters; anything else of sane length is simply not a valid token. */
const TOKEN_MAX_LENGTH = 128;

export class EmailTokenRequest implements EmailTokenPayload {
  @IsString()
  @MinLength(1)
  @MaxLength(TOKEN_MAX_LENGTH)
  token!: string;
}

export class PasswordResetRequest implements PasswordResetPayload {
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmRequest implements PasswordResetConfirmPayload {
  @IsString()
  @MinLength(1)
  @MaxLength(TOKEN_MAX_LENGTH)
  token!: string;

  // As at registration: length here, the rest by the server's password policy.
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}
