import { EbmlId, UNKNOWN_SIZE, children, readElementHeader, readUint, readVint } from './ebml';

export interface ClusterEntry {
  /** Absolute byte offset of the Cluster element in the scanned file. */
  readonly offset: number;
  readonly timestamp: number;
  /** Tracks whose first block in this cluster is a key frame. */
  readonly keyTracks: number[];
}

export interface WebmLayout {
  /** The EBML header element, as scanned. */
  readonly ebmlHeader: Buffer;
  /** The Segment's elements before its first Cluster (SeekHead, Info, Tracks, Tags...), each whole. */
  readonly headElements: Array<{ id: number; bytes: Buffer }>;
  /** Absolute offset of the first Cluster: the scanned head is everything before it. */
  readonly firstClusterOffset: number;
  readonly clusters: ClusterEntry[];
  readonly videoTracks: number[];
  readonly audioTracks: number[];
  /** Nanoseconds per timestamp tick (Info's TimestampScale). */
  readonly timestampScale: number;
  /** End of the last frame, in ticks: its timestamp plus the gap before it on its track. */
  readonly endTimestamp: number;
}

interface OpenCluster {
  offset: number;
  timestamp: number;
  keyTracks: number[];
  seen: Set<number>;
}

type State = 'ebml' | 'segment' | 'level1' | 'cluster';
/** Header elements are small; a bigger one means this is not the WebM a muxer wrote. */
const MAX_HEAD_ELEMENT = 1024 * 1024;
/** Enough of a block for its track number, timestamp and flags. */
const BLOCK_PREFIX = 12;

/**
 * Notes where a WebM stream's clusters and key frames are as it passes, without holding it:
 * what is needed to give a pipe-written file (which has neither) a Duration and Cues.
 */
export class WebmLayoutScanner {
  private buffer: Buffer = Buffer.alloc(0);
  /** Absolute offset of buffer[0]. */
  private at = 0;
  private skip = 0;
  private state: State = 'ebml';
  private clusterEnd = 0;
  private ebmlHeader: Buffer | undefined;
  private readonly headElements: Array<{ id: number; bytes: Buffer }> = [];
  private firstClusterOffset: number | undefined;
  private readonly clusters: OpenCluster[] = [];
  private readonly lastTime = new Map<number, { time: number; gap: number }>();

  /** True once a cluster (media) has started. */
  get hasMedia(): boolean {
    return this.firstClusterOffset !== undefined;
  }

  update(piece: Buffer): void {
    if (this.skip > 0) {
      const skipped = Math.min(this.skip, piece.length);
      this.skip -= skipped;
      this.at += skipped;
      piece = piece.subarray(skipped);
    }
    if (piece.length === 0) return;
    this.buffer = this.buffer.length === 0 ? piece : Buffer.concat([this.buffer, piece]);
    while (this.skip === 0 && this.step()) {
      /* each step consumed one element or element header */
    }
  }

  finish(): WebmLayout {
    if (!this.ebmlHeader || this.firstClusterOffset === undefined) {
      throw new Error('Not a WebM stream with media: no cluster was found.');
    }
    const info = this.headElements.find((element) => element.id === EbmlId.Info);
    const tracks = this.headElements.find((element) => element.id === EbmlId.Tracks);
    const { videoTracks, audioTracks } = trackKinds(tracks ? payloadOf(tracks.bytes) : Buffer.alloc(0));
    const scale = info ? children(payloadOf(info.bytes)).find(([id]) => id === EbmlId.TimestampScale) : undefined;
    let endTimestamp = 0;
    for (const { time, gap } of this.lastTime.values()) endTimestamp = Math.max(endTimestamp, time + gap);
    return {
      ebmlHeader: this.ebmlHeader,
      headElements: this.headElements,
      firstClusterOffset: this.firstClusterOffset,
      clusters: this.clusters.map(({ offset, timestamp, keyTracks }) => ({ offset, timestamp, keyTracks })),
      videoTracks,
      audioTracks,
      timestampScale: scale ? readUint(scale[1]) : 1_000_000,
      endTimestamp,
    };
  }

  /** Parses one thing at the front of the buffer; false when more bytes are needed. */
  private step(): boolean {
    if (this.state === 'cluster' && this.at >= this.clusterEnd) this.state = 'level1';
    const header = readElementHeader(this.buffer, 0);
    if (!header) return false;
    const { id, size, headerLength } = header;
    if (this.state === 'segment') {
      if (id !== EbmlId.Segment) throw new Error('Not a WebM stream: no Segment after the EBML header.');
      this.state = 'level1';
      return this.consume(headerLength);
    }
    if (this.state === 'level1' && id === EbmlId.Cluster) {
      if (size === UNKNOWN_SIZE) throw new Error('A cluster of unknown size cannot be indexed.');
      this.firstClusterOffset ??= this.at;
      this.clusters.push({ offset: this.at, timestamp: 0, keyTracks: [], seen: new Set() });
      this.clusterEnd = this.at + headerLength + size;
      this.state = 'cluster';
      return this.consume(headerLength);
    }
    if (size === UNKNOWN_SIZE) throw new Error('Not a WebM stream: an element of unknown size.');
    if (this.state === 'cluster') return this.clusterChild(id, size, headerLength);
    if (this.firstClusterOffset !== undefined) return this.skipElement(headerLength + size);
    if (size > MAX_HEAD_ELEMENT) throw new Error('Not a WebM stream: a header element is too large.');
    if (this.buffer.length < headerLength + size) return false;
    const bytes = Buffer.from(this.buffer.subarray(0, headerLength + size));
    if (this.state === 'ebml') {
      if (id !== EbmlId.Ebml) throw new Error('Not a WebM stream: no EBML header.');
      this.ebmlHeader = bytes;
      this.state = 'segment';
    } else this.headElements.push({ id, bytes });
    return this.consume(bytes.length);
  }

  private clusterChild(id: number, size: number, headerLength: number): boolean {
    // A BlockGroup's children (its Block among them) are read as if they were the cluster's.
    if (id === EbmlId.BlockGroup) return this.consume(headerLength);
    if (id === EbmlId.Timestamp) {
      if (this.buffer.length < headerLength + size) return false;
      this.currentCluster().timestamp = readUint(this.buffer.subarray(headerLength, headerLength + size));
      return this.consume(headerLength + size);
    }
    if (id === EbmlId.SimpleBlock || id === EbmlId.Block) {
      const prefix = Math.min(size, BLOCK_PREFIX);
      if (this.buffer.length < headerLength + prefix) return false;
      this.block(this.buffer.subarray(headerLength, headerLength + prefix), id === EbmlId.SimpleBlock);
    }
    return this.skipElement(headerLength + size);
  }

  private block(prefix: Buffer, simple: boolean): void {
    const track = readVint(prefix, 0, false);
    if (!track || prefix.length < track.length + 3) return;
    const cluster = this.currentCluster();
    const time = cluster.timestamp + prefix.readInt16BE(track.length);
    const keyframe = simple && (prefix[track.length + 2] & 0x80) !== 0;
    if (!cluster.seen.has(track.value)) {
      cluster.seen.add(track.value);
      if (keyframe) cluster.keyTracks.push(track.value);
    }
    const last = this.lastTime.get(track.value);
    this.lastTime.set(track.value, { time, gap: last && time > last.time ? time - last.time : (last?.gap ?? 0) });
  }

  private currentCluster(): OpenCluster {
    return this.clusters[this.clusters.length - 1];
  }

  private skipElement(length: number): boolean {
    const here = Math.min(length, this.buffer.length);
    this.consume(here);
    this.skip = length - here;
    return true;
  }

  private consume(length: number): boolean {
    this.buffer = this.buffer.subarray(length);
    this.at += length;
    return true;
  }
}

export function payloadOf(elementBytes: Buffer): Buffer {
  const header = readElementHeader(elementBytes, 0);
  if (!header) throw new Error('Not a WebM element.');
  return elementBytes.subarray(header.headerLength);
}

function trackKinds(tracks: Buffer): { videoTracks: number[]; audioTracks: number[] } {
  const videoTracks: number[] = [];
  const audioTracks: number[] = [];
  for (const [id, entry] of children(tracks)) {
    if (id !== EbmlId.TrackEntry) continue;
    const fields = new Map(children(entry));
    const number = fields.get(EbmlId.TrackNumber);
    const type = fields.get(EbmlId.TrackType);
    if (!number || !type) continue;
    if (readUint(type) === 1) videoTracks.push(readUint(number));
    if (readUint(type) === 2) audioTracks.push(readUint(number));
  }
  return { videoTracks, audioTracks };
}
