import { useCallback, useEffect, useRef, useState } from 'react';
import { exposeForTests } from './media-check-state';
import { idleSnapshot, MediaLoopbackSession, type MediaCheckOptions, type MediaCheckSnapshot } from './loopback-session';

export interface MediaCheckControls {
  snapshot: MediaCheckSnapshot;
  start: () => void;
  stop: () => void;
}

/** Runs at most one loopback session for the page, and stops it when the page goes away. */
export function useMediaCheck({ relayOnly }: MediaCheckOptions): MediaCheckControls {
  const [snapshot, setSnapshot] = useState<MediaCheckSnapshot>(idleSnapshot);
  const sessionRef = useRef<MediaLoopbackSession | null>(null);

  // Published synchronously so a test reading window.__vetmeetMediaCheck never waits on a render.
  const publish = useCallback((next: MediaCheckSnapshot) => {
    exposeForTests(next.state);
    setSnapshot(next);
  }, []);

  useEffect(() => {
    exposeForTests(idleSnapshot.state);
    return () => {
      sessionRef.current?.stop();
      sessionRef.current = null;
    };
  }, []);

  const start = useCallback(() => {
    sessionRef.current?.stop();
    const session = new MediaLoopbackSession(publish, { relayOnly });
    sessionRef.current = session;
    void session.start();
  }, [publish, relayOnly]);

  const stop = useCallback(() => {
    if (sessionRef.current) {
      sessionRef.current.stop();
      sessionRef.current = null;
    } else {
      publish(idleSnapshot);
    }
  }, [publish]);

  return { snapshot, start, stop };
}
