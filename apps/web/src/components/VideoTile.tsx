import { useEffect, useId, useRef } from 'react';

interface VideoTileProps {
  label: string;
  stream: MediaStream | null;
  placeholder: string;
  testId: string;
}

/** A muted, inline video with a caption; muted so the loopback never feeds audio back into the microphone. */
export function VideoTile({ label, stream, placeholder, testId }: VideoTileProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const captionId = useId();

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.muted = true;
    video.srcObject = stream;
    if (stream) {
      video.play().catch(() => {
        // Autoplay of a muted inline video is allowed everywhere; a rejection here only
        // means the stream was replaced before playback began.
      });
    }
  }, [stream]);

  return (
    <figure className="video-tile" aria-labelledby={captionId}>
      <div className="video-frame">
        <video ref={videoRef} data-testid={testId} muted autoPlay playsInline hidden={!stream} />
        {!stream && <p className="video-placeholder">{placeholder}</p>}
      </div>
      <figcaption id={captionId}>{label}</figcaption>
    </figure>
  );
}
