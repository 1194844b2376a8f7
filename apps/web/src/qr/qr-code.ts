import { reedSolomonDivisor, reedSolomonRemainder } from './reed-solomon';

/*
 * A QR code encoder (ISO/IEC 18004) for the one thing the web client shows as a QR code:
 * an authenticator's otpauth:// address. Byte mode, error correction level M, the smallest
 * version that fits, and the mask with the lowest penalty. Written here rather than taken
 * as a dependency because it is small and its output is checked against a real decoder.
 */

/** Rows of modules, top to bottom; true is dark. Draw it with a light quiet zone of 4 modules around it. */
export type QrMatrix = boolean[][];

/** Error correction codewords per block and number of blocks, level M, by version (index 0 unused). */
const ECC_CODEWORDS_PER_BLOCK = [
  -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  28, 28,
];
const ERROR_CORRECTION_BLOCKS = [
  -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];
/** Level M's two format bits. */
const LEVEL_M_FORMAT_BITS = 0b00;
const MAX_VERSION = 40;

const bitOf = (value: number, index: number): boolean => ((value >>> index) & 1) !== 0;

/** Modules left for data and error correction once the function patterns are placed. */
function rawDataModules(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const alignments = Math.floor(version / 7) + 2;
    modules -= (25 * alignments - 10) * alignments - 55;
    if (version >= 7) modules -= 36;
  }
  return modules;
}

const dataCodewords = (version: number): number =>
  Math.floor(rawDataModules(version) / 8) - ECC_CODEWORDS_PER_BLOCK[version] * ERROR_CORRECTION_BLOCKS[version];

/** Centres of the alignment patterns along each axis. */
function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = Math.floor((version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
  const positions = [6];
  for (let position = version * 4 + 17 - 7; positions.length < count; position -= step) positions.splice(1, 0, position);
  return positions;
}

/** Mode, length, the bytes, terminator and padding, as data codewords. */
function dataCodewordsFor(bytes: Uint8Array, version: number): number[] {
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i -= 1) bits.push((value >>> i) & 1);
  };
  append(0b0100, 4);
  append(bytes.length, version <= 9 ? 8 : 16);
  for (const byte of bytes) append(byte, 8);
  const capacity = dataCodewords(version) * 8;
  append(0, Math.min(4, capacity - bits.length));
  append(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) append(pad, 8);
  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  return codewords;
}

/** Splits the data into blocks, adds each block's error correction, and interleaves them. */
function withErrorCorrection(data: number[], version: number): number[] {
  const blockCount = ERROR_CORRECTION_BLOCKS[version];
  const eccLength = ECC_CODEWORDS_PER_BLOCK[version];
  const rawCodewords = Math.floor(rawDataModules(version) / 8);
  const shortBlocks = blockCount - (rawCodewords % blockCount);
  const shortBlockLength = Math.floor(rawCodewords / blockCount);
  const divisor = reedSolomonDivisor(eccLength);
  const blocks: number[][] = [];
  for (let i = 0, offset = 0; i < blockCount; i += 1) {
    const block = data.slice(offset, offset + shortBlockLength - eccLength + (i < shortBlocks ? 0 : 1));
    offset += block.length;
    const ecc = reedSolomonRemainder(block, divisor);
    // A placeholder keeps the columns aligned; it is skipped when interleaving.
    if (i < shortBlocks) block.push(0);
    blocks.push([...block, ...ecc]);
  }
  const interleaved: number[] = [];
  for (let i = 0; i < blocks[0].length; i += 1) {
    blocks.forEach((block, j) => {
      if (i !== shortBlockLength - eccLength || j >= shortBlocks) interleaved.push(block[i]);
    });
  }
  return interleaved;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

class QrSymbol {
  readonly size: number;
  readonly modules: boolean[][];
  /** Finder, timing, alignment, format and version modules: never data, never masked. */
  readonly reserved: boolean[][];

  constructor(readonly version: number) {
    this.size = version * 4 + 17;
    this.modules = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.reserved = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
  }

  private setFunction(x: number, y: number, dark: boolean): void {
    this.modules[y][x] = dark;
    this.reserved[y][x] = true;
  }

  drawFunctionPatterns(): void {
    const { size } = this;
    for (let i = 0; i < size; i += 1) {
      this.setFunction(6, i, i % 2 === 0);
      this.setFunction(i, 6, i % 2 === 0);
    }
    this.drawFinder(3, 3);
    this.drawFinder(size - 4, 3);
    this.drawFinder(3, size - 4);
    const positions = alignmentPositions(this.version);
    const last = positions.length - 1;
    positions.forEach((x, i) =>
      positions.forEach((y, j) => {
        // The three corners with a finder pattern have no alignment pattern.
        if (!((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0))) this.drawAlignment(x, y);
      }),
    );
    this.drawFormatBits(0);
    this.drawVersionBits();
  }

  private drawFinder(cx: number, cy: number): void {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const x = cx + dx;
        const y = cy + dy;
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < this.size && y >= 0 && y < this.size) this.setFunction(x, y, distance !== 2 && distance !== 4);
      }
    }
  }

  private drawAlignment(cx: number, cy: number): void {
    for (let dy = -2; dy <= 2; dy += 1) {
      for (let dx = -2; dx <= 2; dx += 1) this.setFunction(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  }

  /** The level and mask, BCH-protected, in both copies; also the always-dark module. */
  drawFormatBits(mask: number): void {
    const data = (LEVEL_M_FORMAT_BITS << 3) | mask;
    let remainder = data;
    for (let i = 0; i < 10; i += 1) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
    const bits = ((data << 10) | remainder) ^ 0x5412;
    const { size } = this;
    for (let i = 0; i <= 5; i += 1) this.setFunction(8, i, bitOf(bits, i));
    this.setFunction(8, 7, bitOf(bits, 6));
    this.setFunction(8, 8, bitOf(bits, 7));
    this.setFunction(7, 8, bitOf(bits, 8));
    for (let i = 9; i < 15; i += 1) this.setFunction(14 - i, 8, bitOf(bits, i));
    for (let i = 0; i < 8; i += 1) this.setFunction(size - 1 - i, 8, bitOf(bits, i));
    for (let i = 8; i < 15; i += 1) this.setFunction(8, size - 15 + i, bitOf(bits, i));
    this.setFunction(8, size - 8, true);
  }

  private drawVersionBits(): void {
    if (this.version < 7) return;
    let remainder = this.version;
    for (let i = 0; i < 12; i += 1) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    const bits = (this.version << 12) | remainder;
    for (let i = 0; i < 18; i += 1) {
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.setFunction(a, b, bitOf(bits, i));
      this.setFunction(b, a, bitOf(bits, i));
    }
  }

  /** Places the codewords in the two-module-wide zigzag from the bottom right corner. */
  drawCodewords(codewords: number[]): void {
    const { size } = this;
    let bit = 0;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      const upward = ((right + 1) & 2) === 0;
      for (let step = 0; step < size; step += 1) {
        for (let j = 0; j < 2; j += 1) {
          const x = right - j;
          const y = upward ? size - 1 - step : step;
          if (!this.reserved[y][x] && bit < codewords.length * 8) {
            this.modules[y][x] = bitOf(codewords[bit >>> 3], 7 - (bit & 7));
            bit += 1;
          }
        }
      }
    }
  }

  /** XORs the mask into the data modules; applying it twice undoes it. */
  applyMask(mask: number): void {
    const inMask = MASKS[mask];
    for (let y = 0; y < this.size; y += 1) {
      for (let x = 0; x < this.size; x += 1) {
        if (!this.reserved[y][x] && inMask(x, y)) this.modules[y][x] = !this.modules[y][x];
      }
    }
  }

  /** The standard's penalty: long runs, 2×2 blocks, finder look-alikes, and an unbalanced dark share. */
  penalty(): number {
    const { size, modules } = this;
    const at = (x: number, y: number, vertical: boolean) => (vertical ? modules[x][y] : modules[y][x]);
    const finderLike = [true, false, true, true, true, false, true];
    let score = 0;
    for (const vertical of [false, true]) {
      for (let y = 0; y < size; y += 1) {
        let run = 1;
        for (let x = 1; x <= size; x += 1) {
          if (x < size && at(x, y, vertical) === at(x - 1, y, vertical)) {
            run += 1;
            continue;
          }
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
        for (let x = 0; x + 7 <= size; x += 1) {
          if (!finderLike.every((dark, i) => at(x + i, y, vertical) === dark)) continue;
          const lightBefore = [1, 2, 3, 4].every((i) => x - i < 0 || !at(x - i, y, vertical));
          const lightAfter = [7, 8, 9, 10].every((i) => x + i >= size || !at(x + i, y, vertical));
          if (lightBefore || lightAfter) score += 40;
        }
      }
    }
    let dark = 0;
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) {
        if (modules[y][x]) dark += 1;
        if (x + 1 < size && y + 1 < size) {
          const colour = modules[y][x];
          if (modules[y][x + 1] === colour && modules[y + 1][x] === colour && modules[y + 1][x + 1] === colour) score += 3;
        }
      }
    }
    const total = size * size;
    score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
    return score;
  }
}

/** Throws a RangeError when the text is too long for any QR code version (about 2,300 bytes). */
export function encodeQrCode(text: string): QrMatrix {
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  while (4 + (version <= 9 ? 8 : 16) + bytes.length * 8 > dataCodewords(version) * 8) {
    version += 1;
    if (version > MAX_VERSION) throw new RangeError('Text too long for a QR code');
  }
  const symbol = new QrSymbol(version);
  symbol.drawFunctionPatterns();
  symbol.drawCodewords(withErrorCorrection(dataCodewordsFor(bytes, version), version));

  let bestMask = 0;
  let bestPenalty = Infinity;
  for (let mask = 0; mask < MASKS.length; mask += 1) {
    symbol.applyMask(mask);
    symbol.drawFormatBits(mask);
    const penalty = symbol.penalty();
    if (penalty < bestPenalty) {
      bestMask = mask;
      bestPenalty = penalty;
    }
    symbol.applyMask(mask);
  }
  symbol.applyMask(bestMask);
  symbol.drawFormatBits(bestMask);
  return symbol.modules;
}
