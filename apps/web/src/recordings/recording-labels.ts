import type { RecordingStatus } from '@vetmeet/contracts/client';

export const recordingStatusLabels: Record<RecordingStatus, string> = {
  recording: 'Recording now',
  paused: 'Paused',
  stopped: 'Complete',
  interrupted: 'Interrupted (kept up to the interruption)',
};

/** 1_572_864 → "1.5 MB" (decimal units, as storage is sold). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
