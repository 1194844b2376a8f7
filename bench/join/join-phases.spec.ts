import { changedLayerBeforeFirstKeyFrame, describeJoin, phasesOf, slowest, tailSummary, waitedForKeyFrameRetry, type JoinTimeline } from './join-phases';

const CLICK = 1_700_000_000_000;

/** A join that waited a second for the key frame of the layer the page asked for. */
const slowJoin: JoinTimeline = {
  label: 'consultant join 7',
  clickedAt: CLICK,
  presentedAt: CLICK + 1_151,
  events: [
    { at: CLICK - 5_000, type: 'pli-to-sender', ssrc: 22, rid: 'r1' },
    { at: CLICK - 400, type: 'keyframe-in', ssrc: 22, rid: 'r1' },
    { at: CLICK - 300, type: 'layers', spatialLayer: 0, temporalLayer: 0 },
    { at: CLICK + 130, type: 'preferred-layer', spatialLayer: 1 },
    { at: CLICK + 142, type: 'resume-asked' },
    { at: CLICK + 142, type: 'pli-to-sender', ssrc: 11, rid: 'r2' },
    { at: CLICK + 150, type: 'pli-to-sender', ssrc: 22, rid: 'r1' },
    { at: CLICK + 1_140, type: 'pli-to-sender', ssrc: 22, rid: 'r1' },
    { at: CLICK + 1_140, type: 'keyframe-in', ssrc: 22, rid: 'r1' },
    { at: CLICK + 1_141, type: 'first-rtp-out' },
    { at: CLICK + 1_141, type: 'keyframe-out' },
    { at: CLICK + 1_141, type: 'keyframe-out' },
    { at: CLICK + 1_142, type: 'layers', spatialLayer: 1, temporalLayer: 0 },
    { at: CLICK + 5_000, type: 'keyframe-in', ssrc: 11, rid: 'r2' },
  ],
};

describe(phasesOf.name, () => {
  it('splits a join at the resume, the first packet forwarded and the first key frame forwarded', () => {
    expect(phasesOf(slowJoin)).toEqual({ total: 1_151, clickToResume: 142, resumeToFirstRtp: 999, firstRtpToKeyFrame: 0, keyFrameToFrame: 10 });
  });

  it('says NaN for a step that was not seen, and ignores events from before the click', () => {
    const phases = phasesOf({ ...slowJoin, events: [{ at: CLICK - 5_000, type: 'resume-asked' }] });
    expect(phases.clickToResume).toBeNaN();
    expect(phases.total).toBe(1_151);
  });
});

describe(describeJoin.name, () => {
  it('prints the phases, then each step from the click with the simulcast layer it concerns, and the key frames of the second before', () => {
    const [head, steps] = describeJoin(slowJoin).split('\n');
    expect(head).toBe('  consultant join 7: 1151 ms = click → resume 142, → first RTP 999, → first key frame 0, → first frame 10');
    expect(steps.trim()).toBe(
      '-400 key frame in L1; +130 page asks L1; +142 page asks resume; +142 PLI to sender L2; +150 PLI to sender L1; +1140 PLI to sender L1; +1140 key frame in L1; ' +
        '+1141 first RTP forwarded; +1141 key frame forwarded; +1142 layers: now L1/T0; +1151 first frame presented',
    );
  });
});

describe(tailSummary.name, () => {
  it('gives the median, the tail and the worst join', () => {
    const samples = [...Array.from({ length: 19 }, (_, index) => 200 + index), 1_151];
    expect(tailSummary(samples)).toBe('p50 209 ms, p95 218 ms, p99 1151 ms, max 1151 ms (20 joins)');
  });
});

describe(slowest.name, () => {
  it('takes the slowest joins first', () => {
    const fast = { ...slowJoin, label: 'fast', presentedAt: CLICK + 200 };
    const slower = { ...slowJoin, label: 'slower', presentedAt: CLICK + 400 };
    expect(slowest([fast, slowJoin, slower], 2).map((join) => join.label)).toEqual(['consultant join 7', 'slower']);
  });
});

describe(waitedForKeyFrameRetry.name, () => {
  it('sees the same stream asked again a second later, before the first frame', () => {
    expect(waitedForKeyFrameRetry(slowJoin)).toBe(true);
  });

  it('does not count a join whose first key frame came from the first request', () => {
    const events = slowJoin.events.filter((event) => !(event.type === 'pli-to-sender' && event.at > CLICK + 1_000));
    expect(waitedForKeyFrameRetry({ ...slowJoin, events, presentedAt: CLICK + 300 })).toBe(false);
  });
});

describe(changedLayerBeforeFirstKeyFrame.name, () => {
  it('sees key frames asked of two layers before the first one was forwarded', () => {
    expect(changedLayerBeforeFirstKeyFrame(slowJoin)).toBe(true);
  });

  it('does not count a join that asked one layer, however often', () => {
    const events = slowJoin.events.filter((event) => event.rid !== 'r2');
    expect(changedLayerBeforeFirstKeyFrame({ ...slowJoin, events })).toBe(false);
  });
});
