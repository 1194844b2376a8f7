import { RoomRequest, type RecordingView } from '@vetmeet/contracts';
import { RecordingFinalizations } from '../../apps/api/src/recordings/pipeline/recording-finalizations';
import { probeMedia } from '../support/media-probe';
import { consentedCall } from '../support/recording/consented-call';
import { rawGet } from '../support/recordings';
import { cookieHeaderOf, roomCall } from '../support/room-client';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two app nodes over one database, as behind a load balancer: a node starting (a rolling
 * deploy, a scale-out) recovers only what a dead node left, never a recording another live
 * node is making.
 */
describe('recording while another app node starts', () => {
  let nodeA: TestApp;
  let nodeB: TestApp | undefined;

  beforeAll(async () => {
    nodeA = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  it("leaves a live node's recording alone: stopped as stopped, its segments complete and playable", async () => {
    const call = await consentedCall(nodeA);
    let stoppedAt: number;
    try {
      await roomCall(call.consultant, RoomRequest.StartRecording, {});
      await sleep(2_000);
      nodeB = await startTestApp({ TRUST_PROXY: 'loopback' }, { database: nodeA.database });
      await sleep(1_500);
      stoppedAt = Date.now();
      await roomCall(call.consultant, RoomRequest.StopRecording, {});
    } finally {
      call.leave();
    }
    await nodeA.app.get(RecordingFinalizations).idle();
    const { fixture } = call;
    const listed = await fixture.owner.agent.get(`/api/consultations/${fixture.consultationId}/recordings`).expect(200);
    const [recording] = listed.body as RecordingView[];
    expect(recording.status).toBe('stopped');
    expect(recording.segments.map((segment) => [segment.source, segment.outcome, segment.playable]).sort()).toEqual([
      ['camera', 'completed', true],
      ['microphone', 'completed', true],
    ]);
    for (const segment of recording.segments) {
      const url = `${nodeA.baseUrl}/api/recordings/${recording.id}/segments/${segment.id}/media`;
      const read = await rawGet(url, { Cookie: cookieHeaderOf(fixture.owner.agent) });
      expect({ status: read.status, complete: read.complete }).toEqual({ status: 200, complete: true });
      const probed = await probeMedia(read.body);
      const recorded = (stoppedAt - (Date.parse(recording.startedAt) + segment.offsetMs)) / 1000;
      expect(Math.abs(probed.durationSeconds - recorded)).toBeLessThan(0.5);
    }
  });
});
