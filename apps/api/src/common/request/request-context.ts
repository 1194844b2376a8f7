import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../../auth/actor';

/** Facts about the request being served that audit events and logs need, wherever they are written. */
export interface RequestFacts {
  readonly requestId: string | null;
  readonly ip: string | null;
  /** Set by the session guard once the session is known. */
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestFacts>();

export const RequestContext = {
  run<T>(facts: RequestFacts, work: () => T): T {
    return storage.run(facts, work);
  },
  current(): RequestFacts {
    return storage.getStore() ?? { requestId: null, ip: null, actor: null };
  },
};
