import { RoomRequest, type JoinRoomView } from '@vetmeet/contracts';
import { RoomDirectory } from '../../../apps/api/src/rooms/room-directory';
import { createConsultationFor, type ConsultationFixture, type FixturePerson } from '../consultations';
import { connectRoomClient, cookieHeaderOf, roomCall, type RoomClient } from '../room-client';
import { feedCameraAndMicrophone, type RtpFeed } from '../rtp-feed';
import type { TestApp } from '../test-app';

export interface ConsentedCall {
  fixture: ConsultationFixture;
  owner: RoomClient;
  consultant: RoomClient;
  feed: RtpFeed;
  /** Stops the feed and disconnects both people. */
  leave(): void;
}

/** A person's recording consent through the ledger's HTTP API. */
export const setRecordingConsent = (fixture: ConsultationFixture, person: FixturePerson, granted: boolean) =>
  person.agent
    .put(`/api/consultations/${fixture.consultationId}/consents/recording`)
    .set(person.csrf)
    .send({ granted })
    .expect(200);

/**
 * Both people consented to recording over HTTP and are in the call (socket.io), the owner
 * sending a camera and a microphone over RTP (test/support/rtp-feed.ts) into the app's room.
 */
export async function consentedCall(testApp: TestApp): Promise<ConsentedCall> {
  const fixture = await createConsultationFor(testApp);
  await setRecordingConsent(fixture, fixture.owner, true);
  await setRecordingConsent(fixture, fixture.consultant, true);
  const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
  const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.consultant.agent));
  await roomCall<JoinRoomView>(owner, RoomRequest.Join, { consultationId: fixture.consultationId });
  await roomCall<JoinRoomView>(consultant, RoomRequest.Join, { consultationId: fixture.consultationId });
  await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
  const room = testApp.app.get(RoomDirectory).get(fixture.consultationId)!;
  const feed = await feedCameraAndMicrophone(await room.media.room(), fixture.owner.userId);
  // The feeder's encoder settles first: a late start would make it send in a burst to catch up.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const leave = () => {
    feed.stop();
    owner.disconnect();
    consultant.disconnect();
  };
  return { fixture, owner, consultant, feed, leave };
}
