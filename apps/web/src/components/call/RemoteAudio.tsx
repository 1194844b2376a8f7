import { useEffect, useRef } from 'react';
import type { RemoteMedia } from '../../rooms/call-state';

function AudioTrack({ track, testId }: { track: MediaStreamTrack; testId: string }) {
  const audioRef = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    audio.play().catch(() => {
      // Autoplay refused: the person clicked to join, so this is rare; the next click in the page lets it play.
    });
    return () => {
      audio.srcObject = null;
    };
  }, [track]);

  return <audio ref={audioRef} autoPlay data-testid={testId} />;
}

/** Plays the other side's microphone; video elements stay muted so sound has one source. */
export function RemoteAudio({ remote }: { remote: readonly RemoteMedia[] }) {
  return (
    <div hidden>
      {remote
        .filter((media) => media.kind === 'audio')
        .map((media) => (
          <AudioTrack key={media.consumerId} track={media.track} testId="remote-audio" />
        ))}
    </div>
  );
}
