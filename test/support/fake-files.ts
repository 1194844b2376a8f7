import { randomBytes } from 'node:crypto';

/** An MP4 as far as any type sniffer can tell (an ftyp box, then an mdat box of random bytes), of exactly `size` bytes. */
export function mp4OfSize(size: number): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41', 'latin1')]);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(size - ftyp.length);
  mdatHeader.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdatHeader, randomBytes(size - ftyp.length - mdatHeader.length)]);
}
