import { codeLabel, languageLabel, listLabel } from './code-labels';

describe(codeLabel.name, () => {
  it('turns a code into words', () => {
    expect(codeLabel('dog')).toBe('Dog');
    expect(codeLabel('guinea-pig')).toBe('Guinea pig');
    expect(codeLabel('internal_medicine')).toBe('Internal medicine');
  });
});

describe(languageLabel.name, () => {
  it('names a language tag, or shows the tag when it has no name', () => {
    expect(languageLabel('uk')).toBe('Ukrainian');
    expect(languageLabel('pt-BR')).toBe('Brazilian Portuguese');
    expect(languageLabel('not a tag')).toBe('not a tag');
  });
});

describe(listLabel.name, () => {
  it('joins with commas and a final "and"', () => {
    expect(listLabel([])).toBe('');
    expect(listLabel(['Dog'])).toBe('Dog');
    expect(listLabel(['Dog', 'Cat', 'Rabbit'])).toBe('Dog, Cat and Rabbit');
  });
});
