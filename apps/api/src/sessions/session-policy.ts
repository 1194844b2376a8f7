/** A session ends after this long without a request... */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** ...and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Extending the idle deadline costs a write; once a minute per session is enough. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export const SESSION_COOKIE = 'vetmeet_session';
/** In production the __Host- prefix makes the browser insist on Secure, path=/ and no Domain. */
export const PRODUCTION_SESSION_COOKIE = '__Host-vetmeet_session';
