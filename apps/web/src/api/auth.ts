import type { SessionAnswer, SessionListItem, SessionView, SignInPayload } from '@vetmeet/contracts/client';
import { api } from './client';

export const signIn = (payload: SignInPayload) => api.post<SessionView>('/auth/sign-in', payload);

export const signOut = () => api.post<void>('/auth/sign-out');

/** Answers `{ signedIn: false }` when no one is signed in. */
export const fetchSession = (signal?: AbortSignal) => api.get<SessionAnswer>('/auth/session', { signal });

export const listSessions = (signal?: AbortSignal) => api.get<SessionListItem[]>('/auth/sessions', { signal });

export const revokeSession = (sessionId: string) => api.delete(`/auth/sessions/${encodeURIComponent(sessionId)}`);
