export type PetSexValue = 'female' | 'male' | 'unknown';

export interface PetPayload {
  name: string;
  species: string;
  breed?: string | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  sex?: PetSexValue;
  weightKg?: number | null;
  allergies?: string | null;
  medicalHistory?: string | null;
}

export interface PetView {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  birthDate: string | null;
  sex: PetSexValue;
  weightKg: number | null;
  allergies: string | null;
  medicalHistory: string | null;
  createdAt: string;
  updatedAt: string;
}
