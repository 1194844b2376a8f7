import type { AccountView, RegisterAccountPayload } from '@vetmeet/contracts/client';
import { api } from './client';

export interface PrivacyPolicy {
  version: string;
}

export const fetchPrivacyPolicy = (signal?: AbortSignal) => api.get<PrivacyPolicy>('/privacy-policy', { signal });

/** Answers the same whether or not the address already has an account. */
export const registerAccount = (payload: RegisterAccountPayload) => api.post<{ status: 'verification_sent' }>('/accounts', payload);

export const fetchAccount = (signal?: AbortSignal) => api.get<AccountView>('/accounts/me', { signal });
