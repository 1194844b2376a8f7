/**
 * The RTP arithmetic of the SFU bench, kept pure so a unit test can fail it: container
 * parsing (IVF for VP8, Ogg for Opus), VP8 packetization (RFC 7741) and RTP headers
 * (RFC 3550) with the header extensions browsers send and the SFU reads: transport-wide
 * sequence numbers (its congestion-control feedback) and, on audio, the audio level (its
 * active-speaker observer).
 */

export const RTP_HEADER_BYTES = 12;
/** Extension ids as mediasoup prefers them; the SFU learns them from the producer's rtpParameters. */
export const TWCC_EXTENSION_ID = 5;
export const TWCC_EXTENSION_URI = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';
export const AUDIO_LEVEL_EXTENSION_ID = 10;
export const AUDIO_LEVEL_EXTENSION_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';

export interface RtpFields {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  /** Written as the transport-wide-cc extension when given. */
  transportSequenceNumber?: number;
  /** Written as the ssrc-audio-level extension when given: -dBov (0 loudest, 127 silence), with voice activity. */
  audioLevel?: number;
}

/** Writes the header at the start of `target`; returns its length (where the payload goes). */
export function writeRtpHeader(target: Buffer, fields: RtpFields): number {
  const elements: number[] = [];
  if (fields.transportSequenceNumber !== undefined) {
    elements.push((TWCC_EXTENSION_ID << 4) | 1, (fields.transportSequenceNumber >> 8) & 0xff, fields.transportSequenceNumber & 0xff);
  }
  if (fields.audioLevel !== undefined) elements.push(AUDIO_LEVEL_EXTENSION_ID << 4, 0x80 | (fields.audioLevel & 0x7f));
  target[0] = 0x80 | (elements.length ? 0x10 : 0);
  target[1] = (fields.marker ? 0x80 : 0) | (fields.payloadType & 0x7f);
  target.writeUInt16BE(fields.sequenceNumber & 0xffff, 2);
  target.writeUInt32BE(fields.timestamp >>> 0, 4);
  target.writeUInt32BE(fields.ssrc >>> 0, 8);
  if (!elements.length) return RTP_HEADER_BYTES;
  // RFC 8285 one-byte header: each element is (id << 4 | length - 1) then its bytes; zero padding to 32 bits.
  const words = Math.ceil(elements.length / 4);
  target.writeUInt16BE(0xbede, 12);
  target.writeUInt16BE(words, 14);
  target.fill(0, 16, 16 + words * 4);
  elements.forEach((byte, index) => (target[16 + index] = byte));
  return RTP_HEADER_BYTES + 4 + words * 4;
}

/** RTCP shares the port (rtcp-mux): its packet types 192-223 sit where RTP has M + PT (RFC 5761). */
export function isRtcp(packet: Buffer): boolean {
  return packet.length >= 2 && packet[1] >= 192 && packet[1] <= 223;
}

/** SSRC and sequence number of an RTP packet, or undefined for RTCP and runts. */
export function readRtpIds(packet: Buffer): { ssrc: number; sequenceNumber: number } | undefined {
  if (packet.length < RTP_HEADER_BYTES || packet[0] >> 6 !== 2 || isRtcp(packet)) return undefined;
  return { ssrc: packet.readUInt32BE(8), sequenceNumber: packet.readUInt16BE(2) };
}

export interface IvfFrame {
  data: Buffer;
  /** Presentation time in seconds. */
  seconds: number;
}

/** Frames of an IVF file (what `ffmpeg -f ivf` writes for VP8). */
export function parseIvf(file: Buffer): { fourcc: string; frames: IvfFrame[] } {
  if (file.toString('latin1', 0, 4) !== 'DKIF') throw new Error('not an IVF file');
  const headerLength = file.readUInt16LE(6);
  const fourcc = file.toString('latin1', 8, 12);
  const rate = file.readUInt32LE(16);
  const scale = file.readUInt32LE(20);
  const frames: IvfFrame[] = [];
  for (let offset = headerLength; offset + 12 <= file.length; ) {
    const size = file.readUInt32LE(offset);
    const pts = Number(file.readBigUInt64LE(offset + 4));
    frames.push({ data: file.subarray(offset + 12, offset + 12 + size), seconds: (pts * scale) / rate });
    offset += 12 + size;
  }
  return { fourcc, frames };
}

/** Packets of the first logical stream of an Ogg file, header packets included (RFC 3533 lacing). */
export function parseOggPackets(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let offset = 0; offset + 27 <= file.length; ) {
    if (file.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`no Ogg page at byte ${offset}`);
    const segments = file[offset + 26];
    let data = offset + 27 + segments;
    for (let index = 0; index < segments; index += 1) {
      const lacing = file[offset + 27 + index];
      pending.push(file.subarray(data, data + lacing));
      data += lacing;
      // A lacing value under 255 ends a packet; 255 means it continues (maybe on the next page).
      if (lacing < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    offset = data;
  }
  return packets;
}

/** Samples (at 48 kHz) one Opus packet carries, from its TOC byte (RFC 6716 section 3.1). */
export function opusPacketSamples(packet: Buffer): number {
  const config = packet[0] >> 3;
  const frameTenthsOfMs = config < 12 ? [100, 200, 400, 600][config % 4] : config < 16 ? [100, 200][config % 2] : [25, 50, 100, 200][config % 4];
  const code = packet[0] & 0x03;
  const frames = code === 0 ? 1 : code === 3 ? packet[1] & 0x3f : 2;
  return (frameTenthsOfMs * 48 * frames) / 10;
}

/** VP8 payload descriptor as Chrome sends it: X and I set, 15-bit PictureID (RFC 7741 4.2). */
export const VP8_DESCRIPTOR_BYTES = 4;

/**
 * Splits one VP8 frame into RTP payloads of at most `maxPayload` bytes, of nearly equal size
 * (as libwebrtc does), each starting with a payload descriptor whose S bit marks the first.
 * The PictureID is left 0: the sender stamps it per frame (see `stampVp8PictureId`).
 */
export function packetizeVp8(frame: Buffer, maxPayload: number): Buffer[] {
  const room = maxPayload - VP8_DESCRIPTOR_BYTES;
  const count = Math.ceil(frame.length / room);
  const size = Math.ceil(frame.length / count);
  const payloads: Buffer[] = [];
  for (let index = 0; index < count; index += 1) {
    const chunk = frame.subarray(index * size, (index + 1) * size);
    const payload = Buffer.alloc(VP8_DESCRIPTOR_BYTES + chunk.length);
    payload[0] = 0x80 | (index === 0 ? 0x10 : 0); // X, S (partition 0)
    payload[1] = 0x80; // I: PictureID present
    payload[2] = 0x80; // M: 15-bit PictureID
    chunk.copy(payload, VP8_DESCRIPTOR_BYTES);
    payloads.push(payload);
  }
  return payloads;
}

/** Writes a 15-bit PictureID into a descriptor made by `packetizeVp8` (at `offset` in `target`). */
export function stampVp8PictureId(target: Buffer, offset: number, pictureId: number): void {
  target[offset + 2] = 0x80 | ((pictureId >> 8) & 0x7f);
  target[offset + 3] = pictureId & 0xff;
}

/** A VP8 key frame: the frame tag's P bit is 0 (RFC 6386 9.1). What the SFU's VP8 parser checks. */
export function isVp8KeyFrame(frame: Buffer): boolean {
  return (frame[0] & 0x01) === 0;
}
