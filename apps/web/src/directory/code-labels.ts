/*
 * Consultants describe themselves with short codes ('dog', 'dermatology') and language tags
 * ('uk', 'pt-BR'); people read words.
 */

/** Species offered as filter choices; the directory matches any code, these are the common ones. */
export const COMMON_SPECIES = ['dog', 'cat', 'rabbit', 'guinea-pig', 'hamster', 'bird', 'reptile', 'fish', 'horse', 'ferret'] as const;

/** Languages offered as filter choices. */
export const COMMON_LANGUAGES = ['en', 'uk', 'de', 'fr', 'es', 'it', 'pl', 'pt', 'nl', 'ro', 'cs', 'sv'] as const;

/** "guinea-pig" → "Guinea pig", "internal_medicine" → "Internal medicine". */
export function codeLabel(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : code;
}

let languageNames: Intl.DisplayNames | null | undefined;

/** "uk" → "Ukrainian", "pt-BR" → "Brazilian Portuguese"; the tag itself when the browser has no name for it. */
export function languageLabel(tag: string): string {
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
    } catch {
      languageNames = null;
    }
  }
  try {
    return languageNames?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "Dog, Cat and Rabbit". */
export function listLabel(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
