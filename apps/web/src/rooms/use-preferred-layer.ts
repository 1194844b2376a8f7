import { useCallback, useEffect, useRef } from 'react';

/**
 * The simulcast layer worth receiving for a video shown this many device pixels high: the
 * camera sends 180, 360 and 720 lines, and a small tile gains nothing from the big one.
 */
export function layerForHeight(devicePixels: number): number {
  if (devicePixels <= 240) return 0;
  if (devicePixels <= 480) return 1;
  return 2;
}

/**
 * Watches the size the other person's camera is shown at and tells the SFU which layer to
 * forward (media:setPreferredLayers through `apply`). Its tile reports before the video
 * arrives too (consumerId null), so the camera is consumed on that layer from the start.
 * Returns the ref callback for the element; a tile showing something else passes
 * showsCamera false.
 */
export function usePreferredLayer(
  showsCamera: boolean,
  consumerId: string | null,
  apply: (consumerId: string | null, layer: number) => void,
): (element: HTMLElement | null) => void {
  const observerRef = useRef<ResizeObserver | null>(null);
  const latest = useRef({ showsCamera, consumerId, apply });
  latest.current = { showsCamera, consumerId, apply };
  const elementRef = useRef<HTMLElement | null>(null);

  const report = useCallback(() => {
    const { showsCamera: camera, consumerId: id, apply: send } = latest.current;
    const element = elementRef.current;
    if (!camera || !element) return;
    send(id, layerForHeight(element.clientHeight * window.devicePixelRatio));
  }, []);

  // A new consumer (after a rebuild) needs the SFU told again.
  useEffect(report, [showsCamera, consumerId, report]);

  return useCallback(
    (element: HTMLElement | null) => {
      observerRef.current?.disconnect();
      observerRef.current = null;
      elementRef.current = element;
      if (!element) return;
      const observer = new ResizeObserver(report);
      observer.observe(element);
      observerRef.current = observer;
    },
    [report],
  );
}
