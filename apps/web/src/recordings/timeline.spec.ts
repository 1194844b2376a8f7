import type { RecordingSegmentView } from '@vetmeet/contracts/client';
import { formatClock, localTime, placeSegments, timelineLength, trackLabel } from './timeline';

const segment = (overrides: Partial<RecordingSegmentView>): RecordingSegmentView => ({
  id: 's1',
  userId: 'u1',
  role: 'owner',
  kind: 'video',
  source: 'camera',
  codec: 'vp8',
  mimeType: 'video/webm',
  offsetMs: 0,
  durationMs: 10_000,
  outcome: 'completed',
  playable: true,
  ...overrides,
});

describe('recording timeline', () => {
  it('places playable segments by their offsets and ends the timeline with the last one', () => {
    const placed = placeSegments([
      segment({ id: 'camera', offsetMs: 0, durationMs: 10_000 }),
      segment({ id: 'screen', source: 'screen', offsetMs: 4_000, durationMs: 3_000 }),
      segment({ id: 'lost', offsetMs: 0, durationMs: null, playable: false }),
    ]);
    expect(placed.map((item) => item.segment.id)).toEqual(['camera', 'screen']);
    expect(timelineLength(placed)).toBe(10_000);
  });

  it("maps a timeline position to each segment's own time, and a gap to null", () => {
    const [screen] = placeSegments([segment({ id: 'screen', offsetMs: 4_000, durationMs: 3_000 })]);
    expect(localTime(screen, 3_999)).toBeNull();
    expect(localTime(screen, 5_500)).toBe(1.5);
    expect(localTime(screen, 7_000)).toBeNull();
  });

  it('uses the loaded length of a segment that has no manifest duration', () => {
    const placed = placeSegments([segment({ id: 'open', offsetMs: 2_000, durationMs: null })]);
    expect(timelineLength(placed)).toBe(2_000);
    expect(timelineLength(placed, { open: 5_000 })).toBe(7_000);
    expect(localTime(placed[0], 8_000, { open: 5_000 })).toBeNull();
  });

  it('formats clocks and names tracks', () => {
    expect(formatClock(75_400)).toBe('1:15');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(trackLabel({ role: 'consultant', source: 'screen' })).toBe("Consultant's screen share");
  });
});
