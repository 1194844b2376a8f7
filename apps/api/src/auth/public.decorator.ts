import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('vetmeet:public');

/** The only way out of the global session guard: this route needs no signed-in person. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
