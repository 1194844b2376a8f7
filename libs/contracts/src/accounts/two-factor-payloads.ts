import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** What the person scans or types into an authenticator app. Shown once, while enrolling. */
export interface TotpEnrollmentView {
  otpauthUri: string;
  secretBase32: string;
}

/** Single-use codes for a lost authenticator. Shown once, when the second factor is switched on. */
export interface RecoveryCodesView {
  recoveryCodes: string[];
}

export interface SecondFactorPayload {
  /** Six digits from the authenticator app… */
  code?: string;
  /** …or one of the recovery codes. */
  recoveryCode?: string;
}

export class SecondFactorRequest implements SecondFactorPayload {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  recoveryCode?: string;
}

export class TotpCodeRequest {
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}
