import type { AccountView, PrivacyPolicyView, RegisterAccountPayload } from '@vetmeet/contracts/client';
import { api } from './client';

/** The policy's text and version in one answer: the sign-up form accepts the version the page shows. */
export const fetchPrivacyPolicy = (signal?: AbortSignal) => api.get<PrivacyPolicyView>('/privacy-policy', { signal });

/** Answers the same whether or not the address already has an account. */
export const registerAccount = (payload: RegisterAccountPayload) => api.post<{ status: 'verification_sent' }>('/accounts', payload);

export const fetchAccount = (signal?: AbortSignal) => api.get<AccountView>('/accounts/me', { signal });
