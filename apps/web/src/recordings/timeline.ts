import type { RecordingSegmentView } from '@vetmeet/contracts/client';

/** A segment placed on the recording's one timeline, in milliseconds from the recording's start. */
export interface PlacedSegment {
  segment: RecordingSegmentView;
  startMs: number;
  /** Null while its length is unknown (no manifest duration, media not loaded yet). */
  endMs: number | null;
}

export function placeSegments(segments: readonly RecordingSegmentView[]): PlacedSegment[] {
  return segments
    .filter((segment) => segment.playable)
    .map((segment) => ({
      segment,
      startMs: segment.offsetMs,
      endMs: segment.durationMs === null ? null : segment.offsetMs + segment.durationMs,
    }));
}

/** The timeline's length: up to the end of its last segment (known lengths only). */
/** Lengths learnt from the media of segments that had no duration in their manifest, by segment id. */
export type LoadedDurations = Readonly<Record<string, number>>;

export function timelineLength(placed: readonly PlacedSegment[], loadedDurationsMs: LoadedDurations = {}): number {
  return placed.reduce((longest, item) => Math.max(longest, endOf(item, loadedDurationsMs) ?? item.startMs), 0);
}

export function endOf(item: PlacedSegment, loadedDurationsMs: LoadedDurations = {}): number | null {
  const loaded = loadedDurationsMs[item.segment.id];
  return item.endMs ?? (loaded === undefined ? null : item.startMs + loaded);
}

/** Where in its own file a segment is at timeline position `atMs`, in seconds; null in a gap (before or after it). */
export function localTime(item: PlacedSegment, atMs: number, loadedDurationsMs: LoadedDurations = {}): number | null {
  if (atMs < item.startMs) return null;
  const end = endOf(item, loadedDurationsMs);
  if (end !== null && atMs >= end) return null;
  return (atMs - item.startMs) / 1000;
}

/** 75_000 → "1:15"; an hour or more → "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

const SOURCE_LABELS: Record<RecordingSegmentView['source'], string> = {
  camera: 'camera',
  microphone: 'microphone',
  screen: 'screen share',
};

/** "Owner's camera", "Consultant's screen share". */
export function trackLabel(segment: Pick<RecordingSegmentView, 'role' | 'source'>): string {
  return `${segment.role === 'owner' ? "Owner's" : "Consultant's"} ${SOURCE_LABELS[segment.source]}`;
}
