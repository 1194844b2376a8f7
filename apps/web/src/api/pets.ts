import type { PetPayload, PetView } from '@vetmeet/contracts/client';
import { api } from './client';

const petPath = (petId: string) => `/pets/${encodeURIComponent(petId)}`;

export const listPets = (signal?: AbortSignal) => api.get<PetView[]>('/pets', { signal });

export const createPet = (payload: PetPayload) => api.post<PetView>('/pets', payload);

export const fetchPet = (petId: string, signal?: AbortSignal) => api.get<PetView>(petPath(petId), { signal });

/** Absent fields stay as they are; null clears an optional one. */
export const updatePet = (petId: string, changes: Partial<PetPayload>) => api.patch<PetView>(petPath(petId), changes);

export const deletePet = (petId: string) => api.delete(petPath(petId));
