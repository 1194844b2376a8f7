import { EbmlId, UNKNOWN_SIZE_BYTES, element, encodeId, readElementHeader, readUint, uintElement } from './ebml';
import { HeadReplacer, seekableHead } from './webm-index';
import { WebmLayoutScanner, type WebmLayout } from './webm-layout';

const VIDEO = 1;
const AUDIO = 2;

/** A SimpleBlock: track, timestamp relative to its cluster, key-frame flag, a few bytes of "frame". */
function block(track: number, relative: number, keyframe: boolean): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 0x80 | track;
  header.writeInt16BE(relative, 1);
  header[3] = keyframe ? 0x80 : 0;
  return element(EbmlId.SimpleBlock, header, Buffer.alloc(40, track));
}

function cluster(timestamp: number, blocks: Buffer[]): Buffer {
  return element(EbmlId.Cluster, uintElement(EbmlId.Timestamp, timestamp), ...blocks);
}

const track = (number: number, type: number) =>
  element(EbmlId.TrackEntry, uintElement(EbmlId.TrackNumber, number), uintElement(EbmlId.TrackType, type));

/** What a muxer writing to a pipe leaves: a Segment of unknown size, a Void, no Duration, no Cues. */
function pipeWebm(): Buffer {
  return Buffer.concat([
    element(EbmlId.Ebml, element(0x4282, Buffer.from('webm'))),
    encodeId(EbmlId.Segment),
    UNKNOWN_SIZE_BYTES,
    element(EbmlId.Void, Buffer.alloc(20)),
    element(EbmlId.Info, uintElement(EbmlId.TimestampScale, 1_000_000)),
    element(EbmlId.Tracks, track(VIDEO, 1), track(AUDIO, 2)),
    cluster(0, [block(VIDEO, 0, true), block(AUDIO, 0, true), block(VIDEO, 33, false), block(AUDIO, 20, true)]),
    cluster(1000, [block(AUDIO, 0, true), block(VIDEO, 0, false), block(AUDIO, 20, true)]),
    cluster(2000, [block(VIDEO, 0, true), block(AUDIO, 0, true), block(VIDEO, 33, false), block(AUDIO, 20, true)]),
  ]);
}

function scan(bytes: Buffer, piece: number): WebmLayout {
  const scanner = new WebmLayoutScanner();
  for (let offset = 0; offset < bytes.length; offset += piece) scanner.update(bytes.subarray(offset, offset + piece));
  return scanner.finish();
}

/** The Cues' (time, position) pairs of a file, read back from its head. */
function cuesOf(file: Buffer): Array<{ time: number; position: number }> {
  const at = file.indexOf(encodeId(EbmlId.Cues));
  const header = readElementHeader(file, at);
  if (at < 0 || !header) return [];
  const points: Array<{ time: number; position: number }> = [];
  let offset = at + header.headerLength;
  while (offset < at + header.headerLength + header.size) {
    const point = readElementHeader(file, offset)!;
    const body = file.subarray(offset + point.headerLength, offset + point.headerLength + point.size);
    const time = readUint(body.subarray(9, 17)); // CueTime: a 1-byte id, an 8-byte size, 8 bytes
    const position = readUint(body.subarray(body.length - 8));
    points.push({ time, position });
    offset += point.headerLength + point.size;
  }
  return points;
}

describe(WebmLayoutScanner.name, () => {
  it.each([1, 7, 64, 100_000])('finds the clusters, key frames and end in pieces of %p bytes', (piece) => {
    const webm = pipeWebm();
    const layout = scan(webm, piece);
    expect(layout.videoTracks).toEqual([VIDEO]);
    expect(layout.audioTracks).toEqual([AUDIO]);
    expect(layout.clusters.map(({ timestamp, keyTracks }) => ({ timestamp, keyTracks }))).toEqual([
      { timestamp: 0, keyTracks: [VIDEO, AUDIO] },
      { timestamp: 1000, keyTracks: [AUDIO] },
      { timestamp: 2000, keyTracks: [VIDEO, AUDIO] },
    ]);
    expect(layout.clusters.every(({ offset }) => webm.readUInt32BE(offset) === EbmlId.Cluster)).toBe(true);
    // The latest-ending frame (video at 2033) lasts as long as the gap before it on its track (33).
    expect(layout.endTimestamp).toBe(2066);
  });

  it('gives the file a Duration and Cues in front that point at the video key frames\' clusters', () => {
    const webm = pipeWebm();
    const layout = scan(webm, 1000);
    const { head, durationMs } = seekableHead(layout);
    const seekable = Buffer.concat([head, webm.subarray(layout.firstClusterOffset)]);
    expect(durationMs).toBe(2066);

    const segmentDataStart = seekable.indexOf(encodeId(EbmlId.Segment)) + 4 + 8;
    const cues = cuesOf(seekable);
    expect(cues.map(({ time }) => time)).toEqual([0, 2000]);
    for (const { position } of cues) expect(seekable.readUInt32BE(segmentDataStart + position)).toBe(EbmlId.Cluster);
    const rescanned = scan(seekable, 333);
    expect(rescanned.clusters.map(({ timestamp }) => timestamp)).toEqual([0, 1000, 2000]);
    expect(rescanned.headElements.map(({ id }) => id)).toEqual([EbmlId.Info, EbmlId.Tracks, EbmlId.Cues]);
  });

  it('refuses what is not WebM', () => {
    expect(() => scan(Buffer.from('not a webm file at all'), 5)).toThrow(/Not a WebM stream/);
  });
});

describe(HeadReplacer.name, () => {
  it('swaps the head across piece boundaries and keeps the rest', async () => {
    const replacer = new HeadReplacer(Buffer.from('NEW'), 5);
    const out: Buffer[] = [];
    replacer.on('data', (piece: Buffer) => out.push(piece));
    for (const piece of ['ab', 'cde', 'fg', 'h']) replacer.write(Buffer.from(piece));
    replacer.end();
    await new Promise((resolve) => replacer.once('end', resolve));
    expect(Buffer.concat(out).toString()).toBe('NEWfgh');
  });
});
