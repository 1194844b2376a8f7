/** Inclusive on both ends. */
export interface ByteSpan {
  start: number;
  end: number;
}

/** A Range header asking only for bytes past the end: answer 416. */
export const UNSATISFIABLE = 'unsatisfiable';

/**
 * Reads an HTTP Range header (RFC 9110, section 14) for a body of `size` bytes: one span,
 * UNSATISFIABLE, or undefined for "send the whole body". Like most servers we serve a
 * single range only; a header we do not understand or several ranges are ignored, which
 * the RFC allows, and the client gets the whole body with 200.
 */
export function parseRange(header: string | undefined, size: number): ByteSpan | typeof UNSATISFIABLE | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // The last N bytes.
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix)) return undefined;
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (!Number.isSafeInteger(start) || (last !== '' && !Number.isSafeInteger(end)) || end < start) return undefined;
  if (start >= size) return UNSATISFIABLE;
  return { start, end: Math.min(end, size - 1) };
}
