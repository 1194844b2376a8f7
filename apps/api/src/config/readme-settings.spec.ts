import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownSettings } from './load-config';

describe('README settings table', () => {
  it('lists every setting the configuration class reads, and nothing it does not', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Settings'), readme.indexOf('## Operations'));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(knownSettings()).sort());
  });
});
