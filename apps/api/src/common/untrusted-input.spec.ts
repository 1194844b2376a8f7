import { MAX_INPUT_DEPTH, findUntrustedInputProblem } from './untrusted-input';

const nestedObject = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const nestedArray = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const problemIn = (value: unknown, path = '') => findUntrustedInputProblem(value, path);

describe(findUntrustedInputProblem.name, () => {
  it('lets ordinary input through', () => {
    const body = { name: 'Barsik', tags: ['cat', 'ginger 🐈'], weight: 5.4, nested: { ok: true, none: null } };
    expect(problemIn(body)).toBeUndefined();
    expect(problemIn(nestedObject(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(problemIn(nestedArray(MAX_INPUT_DEPTH))).toBeUndefined();
  });

  it('refuses nesting deeper than the bound, 40,000 levels included, without recursing through it', () => {
    const path = Array.from({ length: MAX_INPUT_DEPTH }, () => 'a').join('.');
    expect(problemIn(nestedObject(MAX_INPUT_DEPTH + 1))).toBe(`${path}: nested deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(problemIn(nestedArray(40_000))).toMatch(/^0(\.0)+: nested deeper than 32 levels$/);
    expect(problemIn({ data: nestedObject(40_000) })).toMatch(/^data\.a(\.a)+: nested deeper/);
  });

  it('names the field that holds a NUL character, in bodies, arrays, query strings and params', () => {
    const signIn = { email: 'a@b.test', password: 'hunter\u00002' };
    expect(problemIn(signIn)).toBe('password: must not contain a NUL character');
    expect(problemIn({ photos: ['ok', 'x\u0000'] })).toBe('photos.1: must not contain a NUL character');
    expect(problemIn('\u0000', 'id')).toBe('id: must not contain a NUL character');
    const query = Object.assign(Object.create(null) as object, { cursor: 'a\u0000' });
    expect(problemIn(query)).toBe('cursor: must not contain a NUL character');
  });

  it('refuses lone surrogates, which UTF-8 cannot hold, and keeps pairs', () => {
    const lone = 'reason: must be well-formed Unicode text (it holds a lone surrogate)';
    expect(problemIn({ reason: JSON.parse('"cough \\ud800"') })).toBe(lone);
    expect(problemIn({ reason: JSON.parse('"\\udc00 at the start"') })).toBe(lone);
    expect(problemIn({ reason: JSON.parse('"\\ud83d\\udc08"') })).toBeUndefined();
  });

  it('checks property names too, without repeating them', () => {
    const badKey = { outer: { 'bad\u0000key': 1 } };
    expect(problemIn(badKey)).toBe('outer: must not contain a NUL character (in a property name)');
  });

  it('does not walk class instances or buffers', () => {
    expect(problemIn(Buffer.from([0, 0]), 'file')).toBeUndefined();
    expect(problemIn(new Date(0), 'at')).toBeUndefined();
  });
});
