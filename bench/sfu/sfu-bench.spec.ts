import { SequenceLossCounter, windowLoss } from './loss-counter';
import { disturbed, leastSquares, stopReason, verdict, type StepRow } from './report';
import { AUDIO_LEVEL_EXTENSION_ID, TWCC_EXTENSION_ID, isRtcp, opusPacketSamples, packetizeVp8, parseOggPackets, readRtpIds, stampVp8PictureId, writeRtpHeader } from './rtp';

/** The arithmetic `npm run bench:sfu` reports rests on (the bench itself is not part of npm test). */

const counted = (sequenceNumbers: number[]) => {
  const counter = new SequenceLossCounter();
  sequenceNumbers.forEach((seq) => counter.record(seq));
  return { expected: counter.expected, received: counter.received, lost: counter.lost, duplicates: counter.duplicates };
};

describe(SequenceLossCounter.name, () => {
  it('counts a gap as loss', () => {
    expect(counted([10, 11, 13, 14])).toEqual({ expected: 5, received: 4, lost: 1, duplicates: 0 });
  });

  it('crosses the 16-bit wrap without inventing or hiding loss', () => {
    expect(counted([65533, 65534, 65535, 0, 1, 2])).toEqual({ expected: 6, received: 6, lost: 0, duplicates: 0 });
    expect(counted([65534, 65535, 1, 2])).toEqual({ expected: 5, received: 4, lost: 1, duplicates: 0 });
  });

  it('counts a reordered packet as received, also across the wrap and before the first', () => {
    expect(counted([100, 102, 101, 103])).toMatchObject({ expected: 4, received: 4, lost: 0 });
    expect(counted([65535, 1, 0, 2])).toMatchObject({ expected: 4, received: 4, lost: 0 });
    expect(counted([5, 4, 6])).toMatchObject({ expected: 3, received: 3, lost: 0 });
  });

  it('does not count a duplicate twice', () => {
    expect(counted([7, 8, 8, 9, 7])).toEqual({ expected: 3, received: 3, lost: 0, duplicates: 2 });
  });

  it('follows a long stream through several wraps', () => {
    const counter = new SequenceLossCounter();
    for (let index = 0; index < 200_000; index += 1) if (index % 1000 !== 999) counter.record((40_000 + index) & 0xffff);
    expect(counter.expected).toBe(199_999); // the last packet (index 199999) was never sent
    expect(counter.lost).toBe(199); // one in a thousand, less the unsent last one
  });

  it('gives the loss of a window from two readings', () => {
    expect(windowLoss({ expected: 100, received: 100 }, { expected: 1100, received: 1090 })).toEqual({ expected: 1000, received: 990, lost: 10, fraction: 0.01 });
    expect(windowLoss({ expected: 5, received: 5 }, { expected: 5, received: 5 }).fraction).toBe(0);
  });
});

describe('RTP', () => {
  it('writes a header with the transport-wide sequence number that reads back', () => {
    const packet = Buffer.alloc(40);
    const length = writeRtpHeader(packet, { payloadType: 101, marker: true, sequenceNumber: 65_535, timestamp: 2 ** 32 - 1, ssrc: 0xdeadbeef, transportSequenceNumber: 70_000 });
    expect(length).toBe(20);
    expect(packet[0]).toBe(0x90); // version 2, extension bit
    expect(packet[1]).toBe(0x80 | 101);
    expect(readRtpIds(packet)).toEqual({ ssrc: 0xdeadbeef, sequenceNumber: 65_535 });
    expect(packet.readUInt16BE(12)).toBe(0xbede);
    expect(packet[16] >> 4).toBe(TWCC_EXTENSION_ID);
    expect(packet.readUInt16BE(17)).toBe(70_000 & 0xffff);
    expect(writeRtpHeader(packet, { payloadType: 100, marker: false, sequenceNumber: 1, timestamp: 0, ssrc: 1 })).toBe(12);
    expect(packet[0]).toBe(0x80);
  });

  it('adds the audio level after the transport-wide sequence number, padded to 32 bits', () => {
    const packet = Buffer.alloc(40, 0xff);
    const length = writeRtpHeader(packet, { payloadType: 100, marker: false, sequenceNumber: 1, timestamp: 0, ssrc: 1, transportSequenceNumber: 0x1234, audioLevel: 30 });
    expect(length).toBe(24);
    expect(packet.readUInt16BE(14)).toBe(2); // two 32-bit words of elements
    expect([...packet.subarray(16, 24)]).toEqual([(TWCC_EXTENSION_ID << 4) | 1, 0x12, 0x34, AUDIO_LEVEL_EXTENSION_ID << 4, 0x80 | 30, 0, 0, 0]);
  });

  it('tells RTCP from RTP on a muxed port', () => {
    const senderReport = Buffer.from([0x80, 200, 0, 6, ...new Array(24).fill(0)]);
    expect(isRtcp(senderReport)).toBe(true);
    expect(readRtpIds(senderReport)).toBeUndefined();
  });

  it('cuts a VP8 frame into near-equal payloads, the first marked as the partition start', () => {
    const frame = Buffer.alloc(3001, 7);
    frame[0] = 0x10; // key frame (P bit 0)
    const payloads = packetizeVp8(frame, 1160);
    expect(payloads).toHaveLength(3);
    expect(payloads.map((payload) => payload.length)).toEqual([1005, 1005, 1003]);
    expect(payloads.map((payload) => payload[0] & 0x10)).toEqual([0x10, 0, 0]);
    expect(Buffer.concat(payloads.map((payload) => payload.subarray(4)))).toEqual(frame);
    stampVp8PictureId(payloads[0], 0, 0x7abc);
    expect([payloads[0][2], payloads[0][3]]).toEqual([0x80 | 0x7a, 0xbc]);
  });

  it('reads Opus packet durations from the TOC byte', () => {
    expect(opusPacketSamples(Buffer.from([(1 << 3) | 0]))).toBe(960); // SILK NB 20 ms, one frame
    expect(opusPacketSamples(Buffer.from([(31 << 3) | 0]))).toBe(960); // CELT FB 20 ms
    expect(opusPacketSamples(Buffer.from([(28 << 3) | 1]))).toBe(240); // CELT 2.5 ms x 2
    expect(opusPacketSamples(Buffer.from([(3 << 3) | 3, 3]))).toBe(8640); // SILK 60 ms x 3
  });

  it('joins Ogg lacing segments of 255 into one packet', () => {
    const packet = Buffer.alloc(300, 1);
    const page = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(22), Buffer.from([3, 255, 45, 2]), packet, Buffer.from([9, 9])]);
    expect(parseOggPackets(page)).toEqual([packet, Buffer.from([9, 9])]);
  });
});

describe('ramp report', () => {
  const row = (consultations: number, workerCpuPercent: number, overrides: Partial<StepRow> = {}): StepRow => ({
    consultations,
    seconds: 8,
    mbpsIn: 0,
    mbpsOut: 0,
    loss: 0,
    ingressLoss: 0,
    workerCpuPercent,
    generatorCpuPercent: 30,
    benchCpuPercent: 1,
    othersPercent: [0, 0],
    stallMs: [1, 1],
    generatorLagMs: 5,
    workerSocketDrops: 0,
    generatorSocketDrops: 0,
    sendFailures: 0,
    packets: { generatorSent: 0, sfuReceived: 0, sfuCountedLost: 0, sfuSent: 0, receiversExpected: 0, receiversGot: 0 },
    ...overrides,
  });

  it('fits CPU per consultation as a slope, leaving the idle worker out', () => {
    const fit = leastSquares([[1, 4], [2, 6], [4, 10]]);
    expect(fit.slope).toBeCloseTo(2, 9);
    expect(fit.intercept).toBeCloseTo(2, 9);
  });

  it('stops at 1% loss and reports the last step under it', () => {
    const rows = [row(4, 10), row(8, 18), row(12, 26, { loss: 0.012, workerSocketDrops: 500 })];
    expect(stopReason(rows[1])).toBeUndefined();
    expect(stopReason(rows[2])).toBe('loss');
    const result = verdict(rows, 'loss');
    expect(result).toMatchObject({ maxConsultations: 8, lowerBound: false });
    expect(result.cpuPerConsultation).toBeCloseTo(2, 9);
    expect(result.intercept).toBeCloseTo(2, 9);
  });

  it('calls the figure a lower bound when the generator, not the worker, gave out', () => {
    const saturated = row(20, 40, { generatorCpuPercent: 95 });
    expect(stopReason(saturated)).toBe('generator-saturated');
    expect(verdict([row(10, 20), saturated], 'generator-saturated')).toMatchObject({ maxConsultations: 20, lowerBound: true });
    const lossAtGenerator = row(30, 60, { loss: 0.02, generatorSocketDrops: 900, workerSocketDrops: 10 });
    expect(verdict([row(20, 40), lossAtGenerator], 'loss')).toMatchObject({ maxConsultations: 20, lowerBound: true });
  });

  it('tells the machine stalling us from the generator falling behind', () => {
    expect(disturbed(row(8, 15, { stallMs: [35, 2] }))).toBe(true);
    expect(disturbed(row(8, 15, { stallMs: [3, 2], generatorLagMs: 80 }))).toBe(false);
    expect(stopReason(row(8, 15, { stallMs: [3, 2], generatorLagMs: 80 }))).toBe('generator-saturated');
    expect(stopReason(row(8, 15, { stallMs: [3, 90], generatorLagMs: 80 }))).toBeUndefined();
    expect(disturbed(row(40, 75, { stallMs: [3, 45], generatorCpuPercent: 93 }))).toBe(false);
  });

  it('stops when the worker saturates its core', () => {
    expect(stopReason(row(40, 96))).toBe('worker-saturated');
    expect(verdict([row(20, 50), row(40, 96)], 'worker-saturated')).toMatchObject({ maxConsultations: 40, lowerBound: false });
  });
});
