import { useEffect, useState } from 'react';

/** Quieter than this (dBFS) shows as silence; 0 dBFS as full. */
const FLOOR_DB = -60;
const UPDATES_PER_SECOND = 15;

/** RMS of a block of samples as 0…1 on a decibel scale, as level meters show it. */
function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** The loudness of a microphone track, 0…1, updated about 15 times a second; 0 without a live track. */
export function useAudioLevel(track: MediaStreamTrack | null): number {
  const [level, setLevel] = useState(0);

  useEffect(() => {
    if (!track || track.readyState !== 'live') return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    // The page was clicked to get here, so the context may start; some browsers still start it suspended.
    void context.resume().catch(() => undefined);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      setLevel(Math.round(levelOf(samples) * 50) / 50);
    }, 1_000 / UPDATES_PER_SECOND);
    return () => {
      window.clearInterval(timer);
      source.disconnect();
      void context.close();
      setLevel(0);
    };
  }, [track]);

  return level;
}
