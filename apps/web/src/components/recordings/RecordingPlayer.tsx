import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordingView } from '@vetmeet/contracts/client';
import { segmentMediaUrl } from '../../api/recordings';
import {
  endOf,
  formatClock,
  localTime,
  placeSegments,
  timelineLength,
  trackLabel,
  type PlacedSegment,
} from '../../recordings/timeline';

/** A segment more than this far from the timeline is put back in step (a seek of that element). */
const DRIFT_SECONDS = 0.3;
const SEEK_STEP_MS = 100;

/**
 * All the tracks of one recording on one timeline: each segment is its own media element (the
 * server decrypts it with Range), placed at its offset; one clock drives them all, so one
 * play/pause and one position slider play and seek them together. Outside its segment, a track
 * shows a gap rather than a frozen frame.
 */
export function RecordingPlayer({ recording, clinicId }: { recording: RecordingView; clinicId?: string }) {
  const placed = useMemo(() => placeSegments(recording.segments), [recording]);
  const elements = useRef(new Map<string, HTMLMediaElement>());
  const [loaded, setLoaded] = useState<Record<string, number>>({});
  const [positionMs, setPositionMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [failed, setFailed] = useState<string[]>([]);
  // The timeline's clock: positionMs was `anchorMs` at `anchorAt` (performance.now()).
  const clock = useRef({ anchorMs: 0, anchorAt: 0 });
  const lengthMs = timelineLength(placed, loaded);

  const align = useCallback(
    (atMs: number, shouldPlay: boolean, force: boolean) => {
      for (const item of placed) {
        const element = elements.current.get(item.segment.id);
        if (!element) continue;
        const local = localTime(item, atMs, loaded);
        if (local === null) {
          if (!element.paused) element.pause();
          // Before its start it waits at its first frame, so it comes in from its beginning.
          if (force && atMs < item.startMs && element.currentTime !== 0) element.currentTime = 0;
          continue;
        }
        if (force || Math.abs(element.currentTime - local) > DRIFT_SECONDS) element.currentTime = local;
        if (shouldPlay && element.paused) element.play().catch(() => undefined);
        if (!shouldPlay && !element.paused) element.pause();
      }
    },
    [placed, loaded],
  );

  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      const at = clock.current.anchorMs + (performance.now() - clock.current.anchorAt);
      if (at >= lengthMs) {
        setPlaying(false);
        setPositionMs(lengthMs);
        align(lengthMs, false, false);
        return;
      }
      setPositionMs(at);
      align(at, true, false);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, lengthMs, align]);

  function play(): void {
    const from = positionMs >= lengthMs ? 0 : positionMs;
    clock.current = { anchorMs: from, anchorAt: performance.now() };
    setPositionMs(from);
    align(from, true, true);
    setPlaying(true);
  }

  function pause(): void {
    setPlaying(false);
    align(positionMs, false, false);
  }

  function seek(toMs: number): void {
    clock.current = { anchorMs: toMs, anchorAt: performance.now() };
    setPositionMs(toMs);
    align(toMs, playing, true);
  }

  const attach = (id: string) => (element: HTMLMediaElement | null) => {
    if (element) elements.current.set(id, element);
    else elements.current.delete(id);
  };
  const onMetadata = (item: PlacedSegment) => (event: React.SyntheticEvent<HTMLMediaElement>) => {
    const seconds = event.currentTarget.duration;
    if (item.endMs !== null || !Number.isFinite(seconds)) return;
    setLoaded((previous) => ({ ...previous, [item.segment.id]: seconds * 1000 }));
  };
  const onError = (id: string) => () => setFailed((previous) => (previous.includes(id) ? previous : [...previous, id]));

  const videoTile = (item: PlacedSegment) => {
    const inGap = localTime(item, positionMs, loaded) === null;
    const label = trackLabel(item.segment);
    return (
      <figure
        className="video-tile recording-tile"
        key={item.segment.id}
        data-testid="recording-video"
        data-segment-id={item.segment.id}
        data-source={item.segment.source}
        data-offset-ms={item.startMs}
      >
        <div className="video-frame">
          <video
            ref={attach(item.segment.id)}
            src={segmentMediaUrl(recording.id, item.segment.id, clinicId)}
            preload="auto"
            muted
            playsInline
            aria-label={label}
            onLoadedMetadata={onMetadata(item)}
            onError={onError(item.segment.id)}
            hidden={inGap}
          />
          {inGap && <p className="video-placeholder">Not recorded at this moment (gap)</p>}
        </div>
        <figcaption>{label}</figcaption>
      </figure>
    );
  };

  const cameras = placed.filter((item) => item.segment.kind === 'video' && item.segment.source !== 'screen');
  const screens = placed.filter((item) => item.segment.source === 'screen');
  const sounds = placed.filter((item) => item.segment.kind === 'audio');
  const positionText = `${formatClock(positionMs)} of ${formatClock(lengthMs)}`;

  if (placed.length === 0) return <p className="muted">Nothing of this recording can be played.</p>;

  return (
    <div className="recording-player" data-testid="recording-player">
      <div className={screens.length > 0 ? 'recording-stage with-screen' : 'recording-stage'}>
        <div className="recording-cameras">{cameras.map(videoTile)}</div>
        {screens.length > 0 && <div className="recording-screens">{screens.map(videoTile)}</div>}
      </div>
      {sounds.map((item) => (
        <audio
          key={item.segment.id}
          ref={attach(item.segment.id)}
          src={segmentMediaUrl(recording.id, item.segment.id, clinicId)}
          preload="auto"
          data-testid="recording-audio"
          data-segment-id={item.segment.id}
          data-offset-ms={item.startMs}
          onLoadedMetadata={onMetadata(item)}
          onError={onError(item.segment.id)}
        />
      ))}

      <div className="recording-controls">
        <button type="button" className="button button-primary" onClick={playing ? pause : play}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor="recording-position" className="recording-position-label">
          Position
        </label>
        <input
          id="recording-position"
          type="range"
          min={0}
          max={Math.max(lengthMs, SEEK_STEP_MS)}
          step={SEEK_STEP_MS}
          value={Math.min(positionMs, lengthMs)}
          aria-valuetext={positionText}
          onChange={(event) => seek(Number(event.currentTarget.value))}
        />
        <span className="recording-clock" aria-hidden="true">
          {formatClock(positionMs)} / {formatClock(lengthMs)}
        </span>
      </div>

      {failed.length > 0 && (
        <p className="notice notice-error" role="alert">
          {failed.length === 1 ? 'One track' : `${failed.length} tracks`} could not be played: the file could not be
          read or was damaged.
        </p>
      )}

      <h2 className="recording-tracks-title">Tracks</h2>
      <ul className="recording-tracks" data-testid="recording-tracks">
        {placed.map((item) => {
          const end = endOf(item, loaded);
          return (
            <li key={item.segment.id}>
              {trackLabel(item.segment)}: {formatClock(item.startMs)}–{end === null ? '…' : formatClock(end)}
              {localTime(item, positionMs, loaded) === null ? ' (gap here)' : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
