import type { types } from 'mediasoup';

export interface RecorderFormat {
  /** ffmpeg's muxer for the pipe. */
  muxer: 'webm' | 'matroska';
  mimeType: string;
}

/**
 * The container each router codec is copied into, without re-encoding. VP8, VP9 and Opus go
 * into WebM, which every browser plays. H.264 is not allowed in WebM: it goes into Matroska,
 * which a pipe can carry with parameter sets arriving in-band (fragmented MP4 needs them up
 * front, and an RTP stream may bring them only with its first key frame); the journal's
 * finalization remux (-c copy) turns it into MP4 for browsers that do not play Matroska.
 */
const FORMATS: Record<string, RecorderFormat> = {
  'video/vp8': { muxer: 'webm', mimeType: 'video/webm;codecs=vp8' },
  'video/vp9': { muxer: 'webm', mimeType: 'video/webm;codecs=vp9' },
  'audio/opus': { muxer: 'webm', mimeType: 'audio/webm;codecs=opus' },
  'video/h264': { muxer: 'matroska', mimeType: 'video/x-matroska;codecs=avc1' },
};

export function recorderFormatOf(mimeType: string): RecorderFormat | undefined {
  return FORMATS[mimeType.toLowerCase()];
}

/**
 * What the recorder can receive of this producer: the router's codec of the producer's
 * type, alone (no RTX: ffmpeg never asks for retransmissions), without header extensions
 * or feedback ffmpeg would not read.
 */
export function recorderCapabilities(router: types.Router, producer: types.Producer): types.RtpCapabilities {
  const wanted = producer.rtpParameters.codecs[0]?.mimeType.toLowerCase();
  const codec = router.rtpCapabilities.codecs?.find((candidate) => candidate.mimeType.toLowerCase() === wanted);
  return { codecs: codec ? [{ ...codec, rtcpFeedback: [] }] : [], headerExtensions: [] };
}

/** The SDP ffmpeg reads: one media line for the one stream the consumer sends to 127.0.0.1:port (RTCP on port + 1). */
export function recorderSdp(consumer: types.Consumer, port: number): string {
  const codec = consumer.rtpParameters.codecs[0];
  const [, name] = codec.mimeType.split('/');
  const channels = consumer.kind === 'audio' ? `/${codec.channels ?? 2}` : '';
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=recording',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${consumer.kind} ${port} RTP/AVP ${codec.payloadType}`,
    `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    'a=sendonly',
    '',
  ].join('\n');
}
