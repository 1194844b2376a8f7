import { useEffect, useState, useSyncExternalStore } from 'react';
import { CallSession, type CallSessionOptions } from './call-session';
import { initialCallState, type CallState } from './call-state';
import { exposeCallForTests } from './call-test-view';

const IDLE: CallState = initialCallState();
const subscribeToNothing = () => () => undefined;
const idleSnapshot = () => IDLE;

/**
 * One CallSession for the page, made when the page opens (it opens nothing until the person
 * clicks) and closed, leaving the room, when the page goes away.
 */
export function useCallSession(consultationId: string, options: CallSessionOptions = {}): { session: CallSession | null; state: CallState } {
  const [session, setSession] = useState<CallSession | null>(null);
  const relayOnly = options.relayOnly ?? false;

  useEffect(() => {
    const created = new CallSession(consultationId, { relayOnly });
    setSession(created);
    return () => created.dispose();
  }, [consultationId, relayOnly]);

  const state = useSyncExternalStore(session?.subscribe ?? subscribeToNothing, session?.getSnapshot ?? idleSnapshot);

  useEffect(() => exposeCallForTests(state), [state]);

  return { session, state };
}
