/**
 * HTML that is already safe to emit. Only the `html` tag and code that escapes by hand make
 * one, so a value reaches markup escaped unless someone deliberately says otherwise.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * A template tag that escapes every interpolated value (arrays are joined, null, undefined
 * and false render nothing), except values that are SafeHtml already: nested `html` results.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, literal, index) => out + literal + (index < values.length ? render(values[index]) : ''), ''));
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}
