/**
 * Input arrives in whatever pieces the writer chose; frames are cut at fixed sizes. Keeping
 * references to the pieces and copying only when a frame spans two of them avoids copying
 * every byte into one growing buffer.
 */
export class ByteQueue {
  private readonly pieces: Buffer[] = [];
  private consumed = 0;
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.total += piece.length;
  }

  take(length: number): Buffer {
    if (length > this.total) throw new RangeError('Taking more bytes than the queue holds.');
    const first = this.pieces[0];
    if (first && first.length - this.consumed >= length) return this.advance(first, length);
    const frame = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const piece = this.pieces[0];
      const part = this.advance(piece, Math.min(length - filled, piece.length - this.consumed));
      part.copy(frame, filled);
      filled += part.length;
    }
    return frame;
  }

  /** The next `length` bytes as the pieces (or parts of pieces) that hold them, without copying. */
  takePieces(length: number): Buffer[] {
    if (length > this.total) throw new RangeError('Taking more bytes than the queue holds.');
    const parts: Buffer[] = [];
    for (let left = length; left > 0; ) {
      const part = this.advance(this.pieces[0], Math.min(left, this.pieces[0].length - this.consumed));
      parts.push(part);
      left -= part.length;
    }
    return parts;
  }

  takeAll(): Buffer {
    return this.take(this.total);
  }

  private advance(piece: Buffer, length: number): Buffer {
    const part = piece.subarray(this.consumed, this.consumed + length);
    this.consumed += length;
    this.total -= length;
    if (this.consumed === piece.length) {
      this.pieces.shift();
      this.consumed = 0;
    }
    return part;
  }
}
