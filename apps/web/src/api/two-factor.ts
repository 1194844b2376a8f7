import type { RecoveryCodesView, SecondFactorPayload, SessionView, TotpEnrollmentView } from '@vetmeet/contracts/client';
import { api } from './client';

/** The second step of signing in, on a session whose password was right. Wrong or used: SECOND_FACTOR_INVALID. */
export const completeSecondFactor = (proof: SecondFactorPayload) => api.post<SessionView>('/auth/second-factor', proof);

/** A new authenticator secret, not yet in force; asking again replaces it. SECOND_FACTOR_STATE once two-step sign-in is on. */
export const enrollTotp = () => api.post<TotpEnrollmentView>('/auth/totp/enroll');

/** Turns two-step sign-in on with a code from the enrolled authenticator; the recovery codes are never shown again. */
export const enableTotp = (code: string) => api.post<RecoveryCodesView>('/auth/totp/enable', { code });

/** Turns two-step sign-in off, proven by a current code or an unused recovery code. */
export const disableTotp = (proof: SecondFactorPayload) => api.post<void>('/auth/totp/disable', proof);
