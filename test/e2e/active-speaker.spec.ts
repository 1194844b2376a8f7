import { createSocket } from 'node:dgram';
import { RoomRequest, type JoinRoomView } from '@vetmeet/contracts';
import { RoomDirectory } from '../../apps/api/src/rooms/room-directory';
import { createConsultationFor } from '../support/consultations';
import { connectRoomClient, cookieHeaderOf, nextNotice, roomCall } from '../support/room-client';
import { startTestApp, type TestApp } from '../support/test-app';

const AUDIO_LEVEL_EXTENSION_ID = 1;
const SSRC = 22222222;

/**
 * One Opus RTP packet carrying the ssrc-audio-level header extension (RFC 6464): what a
 * browser's microphone sends, and all the SFU's audio-level observer reads.
 */
function opusPacket(sequence: number, dBov: number): Buffer {
  const packet = Buffer.alloc(12 + 8 + 20);
  packet[0] = 0x90; // version 2, extension bit
  packet[1] = 111; // Opus payload type
  packet.writeUInt16BE(sequence & 0xffff, 2);
  packet.writeUInt32BE((sequence * 960) >>> 0, 4);
  packet.writeUInt32BE(SSRC, 8);
  packet.writeUInt16BE(0xbede, 12); // one-byte header extensions
  packet.writeUInt16BE(1, 14); // one 32-bit word of them
  packet[16] = (AUDIO_LEVEL_EXTENSION_ID << 4) | 0; // id, length - 1
  packet[17] = 0x80 | dBov; // voice activity + level (-dBov)
  return packet;
}

describe('active speaker', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => testApp?.close());

  it("names the one whose microphone is loud, and nobody after a while of silence", async () => {
    const fixture = await createConsultationFor(testApp);
    const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
    const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.consultant.agent));
    const udp = createSocket('udp4');
    try {
      await roomCall<JoinRoomView>(owner, RoomRequest.Join, { consultationId: fixture.consultationId });
      await roomCall<JoinRoomView>(consultant, RoomRequest.Join, { consultationId: fixture.consultationId });
      await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });

      // The owner's microphone, fed over plain RTP straight into the room's router: a browser
      // would need DTLS, which this test does not speak. Everything after the producer is the product's path.
      const room = testApp.app.get(RoomDirectory).get(fixture.consultationId)!;
      const mediaRoom = await room.media.room();
      const plain = await mediaRoom.router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
      const producer = await plain.produce({
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
          encodings: [{ ssrc: SSRC }],
          headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: AUDIO_LEVEL_EXTENSION_ID }],
        },
        appData: { peerId: fixture.owner.userId, source: 'microphone' },
      });
      await mediaRoom.addProducer(mediaRoom.join(fixture.owner.userId), producer);

      const speaking = nextNotice(consultant, 'room:activeSpeaker', (notice) => notice.userId === fixture.owner.userId);
      let sequence = 0;
      const talk = setInterval(() => udp.send(opusPacket(sequence++, 10), plain.tuple.localPort, '127.0.0.1'), 20);
      await speaking.finally(() => clearInterval(talk));

      const silence = nextNotice(consultant, 'room:activeSpeaker', (notice) => notice.userId === null);
      const whisper = setInterval(() => udp.send(opusPacket(sequence++, 127), plain.tuple.localPort, '127.0.0.1'), 20);
      await silence.finally(() => clearInterval(whisper));
    } finally {
      udp.close();
      owner.disconnect();
      consultant.disconnect();
    }
  });
});
