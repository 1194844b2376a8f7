import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type CreateInvitationPayload, type InvitationTokenPayload, type StaffRoleValue } from './invitation-payloads';

export class CreateInvitationRequest implements CreateInvitationPayload {
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email!: string;

  @IsIn(STAFF_ROLES)
  role!: StaffRoleValue;
}

export class InvitationTokenRequest implements InvitationTokenPayload {
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  token!: string;
}
