import { useId } from 'react';
import { useAudioLevel } from '../../rooms/use-audio-level';

/** A bar that moves with the microphone's loudness, so the person sees they can be heard. */
export function MicrophoneLevelMeter({ track }: { track: MediaStreamTrack | null }) {
  const level = useAudioLevel(track);
  const labelId = useId();
  return (
    <div className="mic-level">
      <span id={labelId} className="mic-level-label">
        Microphone level
      </span>
      <meter className="mic-level-meter" min={0} max={1} low={0.1} high={0.85} optimum={0.5} value={level} aria-labelledby={labelId} data-testid="mic-level" data-level={level} />
      <span className="muted small">{track ? 'Say something: the bar should move.' : 'No microphone'}</span>
    </div>
  );
}
