import { Transform, type TransformCallback } from 'node:stream';
import { EbmlId, UNKNOWN_SIZE_BYTES, children, element, encodeId, floatElement, uintElement } from './ebml';
import { payloadOf, type WebmLayout } from './webm-layout';

/**
 * The head a seekable file starts with, for a stream scanned by WebmLayoutScanner: the EBML
 * header, a Segment (size unknown, as before), Info with a Duration, the other header
 * elements, and Cues (a key frame's cluster per cue) placed before the first Cluster, where
 * players read them without a SeekHead. The old SeekHead and Void go: their offsets would be
 * wrong, and players find elements placed in front without them.
 */
export function seekableHead(layout: WebmLayout): { head: Buffer; durationMs: number } {
  const durationTicks = layout.endTimestamp;
  const dropped: number[] = [EbmlId.SeekHead, EbmlId.Void, EbmlId.Cues];
  const kept = layout.headElements.filter(({ id }) => !dropped.includes(id));
  const before = Buffer.concat([layout.ebmlHeader, encodeId(EbmlId.Segment), UNKNOWN_SIZE_BYTES]);
  const elements = kept.map(({ id, bytes }) => (id === EbmlId.Info ? withDuration(bytes, durationTicks) : bytes));
  const cueTrack = layout.videoTracks[0] ?? layout.audioTracks[0];
  const cued = layout.clusters.filter((cluster) => cueTrack !== undefined && cluster.keyTracks.includes(cueTrack));
  // Every cue point has the same size (fixed-width numbers), so the Cues' size is known before the positions.
  const cuesLength = cues(cued.map(() => ({ time: 0, position: 0 })), cueTrack ?? 1).length;
  const clustersStart = before.length + elements.reduce((sum, bytes) => sum + bytes.length, 0) + cuesLength;
  const segmentDataStart = before.length;
  const points = cued.map((cluster) => ({
    time: cluster.timestamp,
    position: clustersStart + (cluster.offset - layout.firstClusterOffset) - segmentDataStart,
  }));
  const head = Buffer.concat([before, ...elements, cues(points, cueTrack ?? 1)]);
  return { head, durationMs: (durationTicks * layout.timestampScale) / 1e6 };
}

function withDuration(info: Buffer, durationTicks: number): Buffer {
  const fields = children(payloadOf(info)).filter(([id]) => id !== EbmlId.Duration && id !== EbmlId.Void);
  const kept = fields.map(([id, payload]) => element(id, payload));
  return element(EbmlId.Info, ...kept, floatElement(EbmlId.Duration, durationTicks));
}

function cues(points: Array<{ time: number; position: number }>, track: number): Buffer {
  return element(
    EbmlId.Cues,
    ...points.map(({ time, position }) =>
      element(
        EbmlId.CuePoint,
        uintElement(EbmlId.CueTime, time),
        element(
          EbmlId.CueTrackPositions,
          uintElement(EbmlId.CueTrack, track),
          uintElement(EbmlId.CueClusterPosition, position),
        ),
      ),
    ),
  );
}

/** Drops the first `replaced` bytes of a stream and puts `head` in their place. */
export class HeadReplacer extends Transform {
  private toDrop: number;

  constructor(
    private readonly head: Buffer,
    replaced: number,
  ) {
    super();
    this.toDrop = replaced;
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.toDrop > 0) {
      const dropped = Math.min(this.toDrop, piece.length);
      this.toDrop -= dropped;
      if (this.toDrop === 0) this.push(this.head);
      piece = piece.subarray(dropped);
    }
    if (piece.length > 0) this.push(piece);
    done();
  }

  override _flush(done: TransformCallback): void {
    done(this.toDrop > 0 ? new Error('The stream ended inside the head it was to replace.') : undefined);
  }
}
