/**
 * How deep a body, query or socket.io payload may nest. Our deepest contract is a few levels
 * (mediasoup's RTP parameters); class-transformer recurses once per level and runs out of
 * stack somewhere past ten thousand, so the bound sits far below that and far above any use.
 */
export const MAX_INPUT_DEPTH = 32;

/** Lone UTF-16 surrogates: JSON.parse lets `"\ud800"` through, and UTF-8 has no way to store one. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The first thing in a request's input that no field of ours can take, whatever its DTO says:
 * nesting deeper than MAX_INPUT_DEPTH, a NUL character (PostgreSQL text cannot hold one and
 * fails the query) or a lone surrogate (the driver would silently store U+FFFD instead), in a
 * value or a property name. Answers the field's path, or undefined when the input is clean.
 * Stops at the depth bound, so a hostile nesting cannot exhaust the stack here either.
 */
export function findUntrustedInputProblem(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return textProblem(value, path);
  const entries = containerEntries(value);
  if (entries === undefined) return undefined;
  if (depth >= MAX_INPUT_DEPTH) return `${path || 'input'}: nested deeper than ${MAX_INPUT_DEPTH} levels`;
  for (const [key, item] of entries) {
    const keyProblem = textProblem(key, path);
    if (keyProblem !== undefined) return `${keyProblem} (in a property name)`;
    const problem = findUntrustedInputProblem(item, path === '' ? key : `${path}.${key}`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function textProblem(text: string, path: string): string | undefined {
  if (text.includes('\u0000')) return `${path || 'input'}: must not contain a NUL character`;
  if (LONE_SURROGATE.test(text)) {
    return `${path || 'input'}: must be well-formed Unicode text (it holds a lone surrogate)`;
  }
  return undefined;
}

/** Arrays and plain objects, as JSON, query strings and route params produce them; anything else is not walked. */
function containerEntries(value: unknown): Iterable<[string, unknown]> | undefined {
  if (Array.isArray(value)) return value.map((item, index): [string, unknown] => [String(index), item]);
  if (value === null || typeof value !== 'object') return undefined;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? Object.entries(value) : undefined;
}
