/**
 * Decodes the form bodies the `stripe` SDK sends (`metadata[visit]=v1&automatic_payment_methods[enabled]=true`)
 * into nested objects. Only bracketed object keys are supported; the endpoints the fake serves take no arrays.
 */
export type FormValue = string | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export function parseForm(body: string): FormObject {
  const result: FormObject = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const [head, ...rest] = name.split('[');
    const path = [head, ...rest.map((part) => part.replace(/\]$/, ''))];
    let target = result;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = typeof next === 'object' ? next : (target[key] = {});
    }
    target[path[path.length - 1]] = value;
  }
  return result;
}

/** A form field as a string, or undefined when absent or nested. */
export function field(form: FormObject, name: string): string | undefined {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
}
