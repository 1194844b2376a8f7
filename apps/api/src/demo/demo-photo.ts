import { crc32, deflateSync } from 'node:zlib';

const SIZE = 256;

/**
 * A demo consultant's profile photo, drawn here rather than taken from anywhere: a pale paw
 * print on a disc of the consultant's colour, as a PNG. Obviously not a person's face.
 */
export function demoPhotoPng(colour: [number, number, number]): Buffer {
  const pads: [number, number, number][] = [[128, 158, 46], [76, 96, 20], [108, 70, 20], [148, 70, 20], [180, 96, 20]];
  const inside = (x: number, y: number, [cx, cy, r]: [number, number, number]) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 3);
    for (let x = 0; x < SIZE; x += 1) {
      const onDisc = inside(x, y, [128, 128, 124]);
      const onPaw = pads.some((pad) => inside(x, y, pad)) || inside(x, y, [128, 180, 34]);
      const pixel = onPaw ? [250, 246, 238] : onDisc ? colour : [255, 255, 255];
      row.set(pixel, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}
