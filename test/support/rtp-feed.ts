import { spawn, type ChildProcess } from 'node:child_process';
import type { types } from 'mediasoup';
import type { Room } from '../../apps/api/src/media/room';

const VIDEO_SSRC = 11111111;
const AUDIO_SSRC = 22222222;

export interface RtpFeed {
  camera: types.Producer;
  microphone: types.Producer;
  stop(): void;
}

/**
 * A person's camera and microphone without a browser: ffmpeg encodes a test pattern (VP8 or
 * H.264, a key frame every second) and a tone (Opus) and sends them as plain RTP into two ingest
 * PlainTransports of the room's router (comedia, rtcpMux false: ffmpeg sends RTCP from
 * another socket). The producers join the room as the person's, as a browser's would.
 */
export type FedVideoCodec = 'VP8' | 'H264';

const VIDEO_ENCODERS: Record<FedVideoCodec, string[]> = {
  VP8: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-lag-in-frames', '0', '-threads', '1'],
  // Baseline, as browsers send it, with the parameter sets before every key frame (in-band, as a browser does).
  H264: ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-x264-params', 'repeat-headers=1'],
};

const VIDEO_CODECS: Record<FedVideoCodec, types.RtpCodecParameters> = {
  VP8: { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 },
  H264: {
    mimeType: 'video/H264',
    payloadType: 96,
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
};

export async function feedCameraAndMicrophone(room: Room, userId: string, videoCodec: FedVideoCodec = 'VP8'): Promise<RtpFeed> {
  const ingest = () => room.router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
  const [video, audio] = await Promise.all([ingest(), ingest()]);
  const peer = room.join(userId);
  const camera = await video.produce({
    kind: 'video',
    rtpParameters: { codecs: [VIDEO_CODECS[videoCodec]], encodings: [{ ssrc: VIDEO_SSRC }] },
    appData: { peerId: userId, source: 'camera' },
  });
  const microphone = await audio.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: AUDIO_SSRC }],
    },
    appData: { peerId: userId, source: 'microphone' },
  });
  const target = (transport: types.PlainTransport) =>
    `rtp://127.0.0.1:${transport.tuple.localPort}?rtcpport=${transport.rtcpTuple?.localPort ?? transport.tuple.localPort}`;
  const feeder: ChildProcess = spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-nostdin', '-re']
      .concat(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'])
      .concat(['-map', '0:v', ...VIDEO_ENCODERS[videoCodec], '-b:v', '400k', '-g', '30'])
      .concat(['-ssrc', String(VIDEO_SSRC), '-payload_type', '96', '-f', 'rtp', target(video)])
      .concat(['-map', '1:a', '-c:a', 'libopus', '-ac', '2', '-ssrc', String(AUDIO_SSRC), '-payload_type', '111'])
      .concat(['-f', 'rtp', target(audio)]),
    { stdio: 'ignore' },
  );
  await room.addProducer(peer, camera);
  await room.addProducer(peer, microphone);
  return {
    camera,
    microphone,
    stop: () => {
      feeder.kill('SIGKILL');
      video.close();
      audio.close();
    },
  };
}
