/** Matroska element ids this code reads or writes (ids keep their length-marker bits). */
export const EbmlId = {
  Ebml: 0x1a45dfa3,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Void: 0xec,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
  Cluster: 0x1f43b675,
  Timestamp: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
} as const;

/** An element size of all ones: "unknown", as a muxer writing to a pipe leaves its Segment. */
export const UNKNOWN_SIZE = -1;

export interface Vint {
  readonly value: number;
  readonly length: number;
}

/** A variable-length integer at `offset`, or undefined when `bytes` ends first. Ids keep their marker bit. */
export function readVint(bytes: Buffer, offset: number, keepMarker: boolean): Vint | undefined {
  if (offset >= bytes.length) return undefined;
  const first = bytes[offset];
  let length = 1;
  while (length <= 8 && !(first & (0x100 >> length))) length++;
  if (length > 8) throw new Error('Not a WebM stream: an element header is malformed.');
  if (offset + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[offset + i];
    allOnes &&= bytes[offset + i] === 0xff;
  }
  return { value: !keepMarker && allOnes ? UNKNOWN_SIZE : value, length };
}

export interface ElementHeader {
  readonly id: number;
  /** UNKNOWN_SIZE or the payload's length. */
  readonly size: number;
  readonly headerLength: number;
}

export function readElementHeader(bytes: Buffer, offset: number): ElementHeader | undefined {
  const id = readVint(bytes, offset, true);
  if (!id) return undefined;
  const size = readVint(bytes, offset + id.length, false);
  if (!size) return undefined;
  return { id: id.value, size: size.value, headerLength: id.length + size.length };
}

/** The children of a master element's payload, each as [id, payload]. */
export function children(payload: Buffer): Array<[number, Buffer]> {
  const found: Array<[number, Buffer]> = [];
  let offset = 0;
  while (offset < payload.length) {
    const header = readElementHeader(payload, offset);
    if (!header || header.size === UNKNOWN_SIZE) throw new Error('Not a WebM stream: a header element is malformed.');
    const start = offset + header.headerLength;
    found.push([header.id, payload.subarray(start, start + header.size)]);
    offset = start + header.size;
  }
  return found;
}

export function readUint(payload: Buffer): number {
  let value = 0;
  for (const byte of payload) value = value * 256 + byte;
  return value;
}

export function encodeId(id: number): Buffer {
  const length = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
  const bytes = Buffer.alloc(length);
  bytes.writeUIntBE(id, 0, length);
  return bytes;
}

/** A size in 8 bytes, so a header's length does not depend on what it counts. */
export function encodeSize(size: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(size) | (1n << 56n));
  return bytes;
}

export const UNKNOWN_SIZE_BYTES = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

export function element(id: number, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([encodeId(id), encodeSize(body.length), body]);
}

/** An unsigned integer in 8 bytes (fixed width, so Cues can be sized before their positions are known). */
export function uintElement(id: number, value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return element(id, bytes);
}

export function floatElement(id: number, value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(value);
  return element(id, bytes);
}
