import type { EmailVerifiedView, PasswordChangedView, PasswordResetRequestedView, VerificationResentView } from '@vetmeet/contracts/client';
import { api } from './client';

/*
 * The pages that e-mailed links open: each link's one-time token travels only in the body
 * of these requests, never in a URL the server or a proxy would log.
 */

/** EMAIL_TOKEN_INVALID when the link was used already, has expired or was never ours. */
export const verifyEmail = (token: string) => api.post<EmailVerifiedView>('/accounts/verify-email', { token });

/** A new verification link to the signed-in account's address (or `already_verified`). */
export const resendVerification = () => api.post<VerificationResentView>('/accounts/verify-email/resend');

/** Answers the same whether or not the address has an account. */
export const requestPasswordReset = (email: string) => api.post<PasswordResetRequestedView>('/accounts/password-reset', { email });

/** WEAK_PASSWORD (detail on `newPassword`) or EMAIL_TOKEN_INVALID; on success every session of the account has ended. */
export const confirmPasswordReset = (token: string, newPassword: string) => api.post<PasswordChangedView>('/accounts/password-reset/confirm', { token, newPassword });
