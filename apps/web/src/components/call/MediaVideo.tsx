import { useEffect, useMemo, useRef, type RefCallback } from 'react';

interface MediaVideoProps {
  tracks: readonly MediaStreamTrack[];
  /** Own camera: mirrored, as people expect to see themselves. */
  mirrored?: boolean;
  testId: string;
  label: string;
  /** Receives the element, e.g. to watch the size it is shown at. */
  elementRef?: RefCallback<HTMLVideoElement>;
}

/**
 * A playing <video> for video tracks. Always muted: sound plays through <audio> elements
 * (RemoteAudio), and a muted video may autoplay everywhere.
 */
export function MediaVideo({ tracks, mirrored = false, testId, label, elementRef }: MediaVideoProps) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  // A new stream only when the tracks themselves change, not the array holding them.
  const trackIds = tracks.map((track) => track.id).join(',');
  const stream = useMemo(() => (trackIds ? new MediaStream([...tracks]) : null), [trackIds]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) {
      video.play().catch(() => {
        // Replaced before playback began; the next stream plays.
      });
    }
  }, [stream]);

  return (
    <video
      ref={(element) => {
        videoRef.current = element;
        elementRef?.(element);
      }}
      className={mirrored ? 'call-video call-video-mirrored' : 'call-video'}
      data-testid={testId}
      aria-label={label}
      muted
      autoPlay
      playsInline
    />
  );
}
