import { useEffect, useRef } from 'react';

/**
 * The room page changes screens without changing its address (check → waiting room → call →
 * end): the new screen's heading takes the focus, as a new page's content would, so keyboard
 * and screen-reader users are not left on a button that is gone.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}
