import { IsIn, IsNumber, IsOptional, IsString, Length, MaxLength, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../validation/timestamp';
import type { PetPayload, PetSexValue } from './pet-payloads';

const SEXES: PetSexValue[] = ['female', 'male', 'unknown'];

/** Stacks validators into one property decorator, so create and update share each field's rules. */
const rules =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, property) => {
    for (const decorator of decorators) decorator(target, property);
  };
/** Optional, and null clears it (IsOptional lets both undefined and null through). */
const clearable = (...decorators: PropertyDecorator[]) => rules(IsOptional(), ...decorators);
/** May be left out, but not null: a pet always has a name, a species and a sex (unknown at least). */
const omittable = () => ValidateIf((_object, value: unknown) => value !== undefined);

const Name = () => rules(IsString(), Length(1, 80));
const Species = () => rules(IsString(), Length(1, 60));
const Breed = () => clearable(IsString(), MaxLength(80));
const BirthDate = () => clearable(IsCalendarDate());
const Sex = () => rules(omittable(), IsIn(SEXES));
const WeightKg = () => clearable(IsNumber({ maxDecimalPlaces: 2 }), Min(0.01), Max(9999));
const Allergies = () => clearable(IsString(), MaxLength(2_000));
const MedicalHistory = () => clearable(IsString(), MaxLength(20_000));

export class CreatePetRequest implements PetPayload {
  @Name() name!: string;
  @Species() species!: string;
  @Breed() breed?: string | null;
  @BirthDate() birthDate?: string | null;
  @Sex() sex?: PetSexValue;
  @WeightKg() weightKg?: number | null;
  @Allergies() allergies?: string | null;
  @MedicalHistory() medicalHistory?: string | null;
}

/** Every field optional; absent fields stay as they are, null clears an optional one. */
export class UpdatePetRequest implements Partial<PetPayload> {
  @omittable() @Name() name?: string;
  @omittable() @Species() species?: string;
  @Breed() breed?: string | null;
  @BirthDate() birthDate?: string | null;
  @Sex() sex?: PetSexValue;
  @WeightKg() weightKg?: number | null;
  @Allergies() allergies?: string | null;
  @MedicalHistory() medicalHistory?: string | null;
}
