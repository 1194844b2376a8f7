import { MAX_INPUT_DEPTH, findUntrustedInputProblem } from './untrusted-input';

const nestedObject = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const nestedArray = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe(findUntrustedInputProblem.name, () => {
  it('lets ordinary input through', () => {
    const body = { name: 'Barsik', tags: ['cat', 'ginger 🐈'], weight: 5.4, nested: { ok: true, none: null }, emoji: '\ud83d\udc08' };
    expect(findUntrustedInputProblem(body, '')).toBeUndefined();
    expect(findUntrustedInputProblem(nestedObject(MAX_INPUT_DEPTH), '')).toBeUndefined();
    expect(findUntrustedInputProblem(nestedArray(MAX_INPUT_DEPTH), '')).toBeUndefined();
  });

  it('refuses nesting deeper than the bound, 40,000 levels included, without recursing through it', () => {
    expect(findUntrustedInputProblem(nestedObject(MAX_INPUT_DEPTH + 1), '')).toBe(`a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a: nested deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(findUntrustedInputProblem(nestedArray(40_000), '')).toMatch(/^0(\.0)+: nested deeper than 32 levels$/);
    expect(findUntrustedInputProblem({ data: nestedObject(40_000) }, '')).toMatch(/^data\.a(\.a)+: nested deeper/);
  });

  it('names the field that holds a NUL character, in bodies, arrays, query strings and params', () => {
    expect(findUntrustedInputProblem({ email: 'a@b.test', password: 'hunter\u00002' }, '')).toBe('password: must not contain a NUL character');
    expect(findUntrustedInputProblem({ photos: ['ok', 'x\u0000'] }, '')).toBe('photos.1: must not contain a NUL character');
    expect(findUntrustedInputProblem('\u0000', 'id')).toBe('id: must not contain a NUL character');
    expect(findUntrustedInputProblem(Object.assign(Object.create(null), { cursor: 'a\u0000' }), '')).toBe('cursor: must not contain a NUL character');
  });

  it('refuses lone surrogates, which UTF-8 cannot hold, and keeps pairs', () => {
    expect(findUntrustedInputProblem({ reason: JSON.parse('"cough \\ud800"') }, '')).toBe('reason: must be well-formed Unicode text (it holds a lone surrogate)');
    expect(findUntrustedInputProblem({ reason: JSON.parse('"\\udc00 at the start"') }, '')).toMatch(/^reason: must be well-formed/);
    expect(findUntrustedInputProblem({ reason: JSON.parse('"\\ud83d\\udc08"') }, '')).toBeUndefined();
  });

  it('checks property names too, without repeating them', () => {
    expect(findUntrustedInputProblem({ outer: { 'bad\u0000key': 1 } }, '')).toBe('outer: must not contain a NUL character (in a property name)');
  });

  it('does not walk class instances or buffers', () => {
    expect(findUntrustedInputProblem(Buffer.from([0, 0]), 'file')).toBeUndefined();
    expect(findUntrustedInputProblem(new Date(0), 'at')).toBeUndefined();
  });
});
