import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('vetmeet:public');

/** The only way out of the global session guard: this route needs no signed-in person. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ALLOWS_PENDING_SECOND_FACTOR = Symbol('vetmeet:allows-pending-second-factor');

/** Routes a session may use between password and second factor: finishing sign-in, or giving up. */
export const AllowsPendingSecondFactor = () => SetMetadata(ALLOWS_PENDING_SECOND_FACTOR, true);

export const SESSION_OPTIONAL = Symbol('vetmeet:session-optional');

/** Routes that answer everyone and act for the signed-in person when there is one (the session's own state). */
export const SessionOptional = () => SetMetadata(SESSION_OPTIONAL, true);

export const PLATFORM_OPERATOR = Symbol('vetmeet:platform-operator');

/** Routes of the operator console: the session guard lets only platform operators through (and says so in Actor). */
export const PlatformOperatorRoute = () => SetMetadata(PLATFORM_OPERATOR, true);
