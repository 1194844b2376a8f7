import { IsDateString, IsIn, IsNumber, IsOptional, IsString, Length, MaxLength, Max, Min, ValidateIf } from 'class-validator';
import type { PetPayload, PetSexValue } from './pet-payloads';

const SEXES: PetSexValue[] = ['female', 'male', 'unknown'];

export class CreatePetRequest implements PetPayload {
  @IsString()
  @Length(1, 80)
  name!: string;

  @IsString()
  @Length(1, 60)
  species!: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  breed?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateString({ strict: true })
  birthDate?: string | null;

  @IsOptional()
  @IsIn(SEXES)
  sex?: PetSexValue;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(9999)
  weightKg?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  allergies?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  medicalHistory?: string | null;
}

/** Every field optional; absent fields stay as they are, null clears an optional one. */
export class UpdatePetRequest implements Partial<PetPayload> {
  @IsOptional()
  @IsString()
  @Length(1, 80)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 60)
  species?: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  breed?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateString({ strict: true })
  birthDate?: string | null;

  @IsOptional()
  @IsIn(SEXES)
  sex?: PetSexValue;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(9999)
  weightKg?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  allergies?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  medicalHistory?: string | null;
}
